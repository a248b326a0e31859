package dev.herald.server.mercure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.server.stream.CloseReason;
import dev.herald.server.stream.StreamRequest.Deadline;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StreamDeadlineTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final Duration HOUR = Duration.ofHours(1);

    @ParameterizedTest
    @ValueSource(doubles = {0.0, 0.25, 0.5, 0.999999})
    void theLifetimeIsBetween80And100PercentOfTheMaximum(double random) {
        Deadline deadline = StreamDeadline.choose(HOUR, Optional.empty(), NOW, random).orElseThrow();

        assertThat(deadline.reason()).isEqualTo(CloseReason.LIFETIME_ENDED);
        assertThat(deadline.after()).isBetween(Duration.ofMinutes(48), HOUR);
    }

    @Test
    void theDrawSpreadsTheLifetimeOverTheWholeRange() {
        assertThat(StreamDeadline.choose(HOUR, Optional.empty(), NOW, 0.0).orElseThrow().after()).isEqualTo(HOUR);
        assertThat(StreamDeadline.choose(HOUR, Optional.empty(), NOW, 0.5).orElseThrow().after())
                .isCloseTo(Duration.ofMinutes(54), Duration.ofMillis(1));
    }

    @Test
    void aTokenExpiringFirstEndsTheStreamAtItsExpiry() {
        Deadline deadline = StreamDeadline.choose(HOUR, Optional.of(NOW.plusSeconds(60)), NOW, 0.0).orElseThrow();

        assertThat(deadline).isEqualTo(new Deadline(Duration.ofSeconds(60), CloseReason.TOKEN_EXPIRED));
    }

    @Test
    void aTokenExpiringAfterTheLifetimeDoesNotExtendIt() {
        Deadline deadline = StreamDeadline.choose(HOUR, Optional.of(NOW.plus(Duration.ofDays(1))), NOW, 0.0).orElseThrow();

        assertThat(deadline.reason()).isEqualTo(CloseReason.LIFETIME_ENDED);
    }

    @Test
    void withoutMaximumOrExpiryTheStreamStaysOpen() {
        assertThat(StreamDeadline.choose(Duration.ZERO, Optional.empty(), NOW, 0.3)).isEmpty();
    }

    @Test
    void withoutMaximumTheTokenExpiryStillEndsTheStream() {
        assertThat(StreamDeadline.choose(Duration.ZERO, Optional.of(NOW.plusSeconds(5)), NOW, 0.3))
                .hasValue(new Deadline(Duration.ofSeconds(5), CloseReason.TOKEN_EXPIRED));
    }
}
