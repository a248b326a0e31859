package dev.herald.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.core.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Update ids: {@code urn:uuid:} IRIs holding RFC 9562 UUIDv7, strictly increasing whatever the clock does. */
class UuidV7IdsTest {

    private static final String PREFIX = "urn:uuid:";
    private static final long START_MILLIS = Instant.parse("2026-01-02T03:04:05.678Z").toEpochMilli();

    private final MutableClock clock = new MutableClock(Instant.ofEpochMilli(START_MILLIS));
    private final UuidV7Ids ids = new UuidV7Ids(clock);

    @Test
    void idIsAUrnUuid() {
        String id = ids.next();

        assertThat(id).startsWith(PREFIX);
        assertThat(uuid(id).toString()).as("the rest is a UUID in canonical lowercase form")
                .isEqualTo(id.substring(PREFIX.length()));
    }

    @Test
    void idIsUuidVersion7() {
        assertThat(uuid(ids.next()).version()).isEqualTo(7);
    }

    @Test
    void idHasTheRfc9562Variant() {
        assertThat(uuid(ids.next()).variant()).as("variant bits 10").isEqualTo(2);
    }

    @Test
    void idCarriesTheClockMillisecondsInItsFirst48Bits() {
        assertThat(uuid(ids.next()).getMostSignificantBits() >>> 16).isEqualTo(START_MILLIS);
    }

    @Test
    void sequenceIdCarriesTheSequenceInItsLast62BitsAndReadsBack() {
        String id = ids.next(123_456_789L);

        assertThat(uuid(id).version()).isEqualTo(7);
        assertThat(uuid(id).variant()).isEqualTo(2);
        assertThat(uuid(id).getLeastSignificantBits() & 0x3FFF_FFFF_FFFF_FFFFL).isEqualTo(123_456_789L);
        assertThat(UuidV7Ids.sequenceOf(id)).isEqualTo(123_456_789L);
    }

    @Test
    void sequenceIdsIncreaseAndStayDistinctWhenTheClockStandsStill() {
        List<String> generated = new ArrayList<>();
        for (long sequence = 1; sequence <= 10_000; sequence++) {
            generated.add(ids.next(sequence));
        }

        assertStrictlyIncreasing(generated);
        assertThat(UuidV7Ids.sequenceOf(generated.get(9_999))).isEqualTo(10_000);
    }

    @Test
    void sequenceOutsideRandBIsRefused() {
        assertThatThrownBy(() -> ids.next(-1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ids.next(1L << 62))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sequenceOfAnythingButAGeneratedIdIsMinusOne() {
        String generated = ids.next(7);
        String upperCase = PREFIX + generated.substring(PREFIX.length()).toUpperCase(Locale.ROOT);

        assertThat(UuidV7Ids.sequenceOf("dup")).isEqualTo(-1);
        assertThat(UuidV7Ids.sequenceOf("urn:uuid:not-a-uuid-at-all-but-36-characters")).isEqualTo(-1);
        assertThat(UuidV7Ids.sequenceOf(upperCase)).as("not the text Herald generates").isEqualTo(-1);
        assertThat(UuidV7Ids.sequenceOf(PREFIX + UUID.randomUUID())).as("version 4").isEqualTo(-1);
        assertThat(UuidV7Ids.sequenceOf(generated.substring(PREFIX.length()))).as("no urn:uuid: prefix")
                .isEqualTo(-1);
    }

    @Test
    void idsIncreaseWhileTheClockAdvances() {
        List<String> generated = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            generated.add(ids.next());
            clock.advance(Duration.ofMillis(i % 3));
        }

        assertStrictlyIncreasing(generated);
    }

    @Test
    void idsIncreaseWhenTheClockStandsStillFor10000Calls() {
        List<String> generated = generate(10_000);

        assertStrictlyIncreasing(generated);
    }

    @Test
    void idsStayValidWhenTheCounterOverflowsIntoTheNextMillisecond() {
        List<String> generated = generate(10_000);

        assertThat(generated).allSatisfy(id -> {
            assertThat(uuid(id).version()).isEqualTo(7);
            assertThat(uuid(id).variant()).isEqualTo(2);
        });
    }

    @Test
    void idsIncreaseWhenTheClockGoesBackwards() {
        List<String> generated = new ArrayList<>(generate(10));
        clock.advance(Duration.ofMillis(-60_000));
        generated.addAll(generate(10));

        assertStrictlyIncreasing(generated);
    }

    @Test
    void idsIncreaseWhenTheClockCatchesUpWithBorrowedMilliseconds() {
        // 10,000 ids in one millisecond borrow two milliseconds ahead of the clock (4,096 per millisecond).
        List<String> generated = new ArrayList<>(generate(10_000));
        clock.advance(Duration.ofMillis(1));
        generated.addAll(generate(10));
        clock.advance(Duration.ofMillis(1));
        generated.addAll(generate(10));
        clock.advance(Duration.ofMillis(1));
        generated.addAll(generate(10));

        assertStrictlyIncreasing(generated);
    }

    // --- Fixtures ----------------------------------------------------------------------------------

    private List<String> generate(int count) {
        List<String> generated = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            generated.add(ids.next());
        }
        return generated;
    }

    private static void assertStrictlyIncreasing(List<String> generated) {
        for (int i = 1; i < generated.size(); i++) {
            assertThat(generated.get(i))
                    .as("id %d sorts after id %d", i, i - 1)
                    .isGreaterThan(generated.get(i - 1));
        }
    }

    private static UUID uuid(String id) {
        return UUID.fromString(id.substring(PREFIX.length()));
    }
}
