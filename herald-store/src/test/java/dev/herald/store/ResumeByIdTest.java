package dev.herald.store;

import static dev.herald.core.Acks.result;
import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.core.History;
import dev.herald.core.LastEventId;
import dev.herald.core.MutableClock;
import dev.herald.core.RecordingListener;
import dev.herald.core.StoredUpdate;
import dev.herald.core.Update;
import dev.herald.core.internal.UuidV7Ids;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Finding where to resume: a generated id carries its position and is found by it, a publisher's id
 * through the index of supplied ids, and when both name the same id the earliest occurrence wins.
 */
class ResumeByIdTest {

    private static final String TOPIC = "https://example.com/books/1";
    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");

    @TempDir
    Path directory;

    private final MutableClock clock = new MutableClock(T0);
    private StoreTransport store;

    @BeforeEach
    void openStore() {
        store = StoreTransport.open(StoreOptions.defaults(directory).withClock(clock));
        store.start(new RecordingListener());
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void generatedIdCarriesItsPositionAndIsNotIndexed() {
        result(store.append(update("first")));
        StoredUpdate second = result(store.append(update("second")));

        assertThat(UuidV7Ids.sequenceOf(second.id())).isEqualTo(second.position().sequence());
        assertThat(StoreFiles.queryLong(directory, "SELECT count(*) FROM updates WHERE supplied = 1")).isZero();
    }

    @Test
    void resumeAfterAGeneratedIdReplaysWhatCameAfterIt() {
        List<StoredUpdate> stored = append(update("a"), update("b"), update("c"));

        History history = result(History.readAfter(store, new LastEventId(stored.get(0).id())));

        assertThat(history.resumedFrom()).isEqualTo(stored.get(0).id());
        assertThat(history.updates()).isEqualTo(stored.subList(1, 3));
    }

    @Test
    void resumeAfterASuppliedIdReplaysWhatCameAfterIt() {
        List<StoredUpdate> stored = append(update("a").withId("book-1"), update("b"), update("c").withId("book-3"));

        assertThat(result(History.readAfter(store, new LastEventId("book-1"))).updates()).isEqualTo(stored.subList(1, 3));
        assertThat(result(History.readAfter(store, new LastEventId("book-3"))).updates()).isEmpty();
    }

    @Test
    void publisherRepeatingAGeneratedIdResumesAfterTheGeneratedOne() {
        StoredUpdate generated = result(store.append(update("a")));
        List<StoredUpdate> later = append(update("b"), update("copy").withId(generated.id()), update("d"));

        History history = result(History.readAfter(store, new LastEventId(generated.id())));

        assertThat(history.updates()).as("after the earliest occurrence").isEqualTo(later);
    }

    @Test
    void suppliedIdShapedLikeAGeneratedOneOfAnotherRowIsFoundByTheIndex() {
        StoredUpdate first = result(store.append(update("a")));
        // A well-formed id that carries position 1, but not the id row 1 has.
        String lookalike = new UuidV7Ids(new MutableClock(T0.minusSeconds(3_600))).next(1);
        List<StoredUpdate> later = append(update("b").withId(lookalike), update("c"));

        History history = result(History.readAfter(store, new LastEventId(lookalike)));

        assertThat(lookalike).isNotEqualTo(first.id());
        assertThat(history.resumedFrom()).isEqualTo(lookalike);
        assertThat(history.updates()).isEqualTo(later.subList(1, 2));
    }

    @Test
    void generatedIdOfAnotherStoreIsUnknown() {
        append(update("a"), update("b"));
        String foreign = new UuidV7Ids(new MutableClock(T0.plusSeconds(86_400))).next(1);

        History history = result(History.readAfter(store, new LastEventId(foreign)));

        assertThat(history.resumedFrom()).isEqualTo(LastEventId.EARLIEST);
        assertThat(history.updates()).hasSize(2);
    }

    private List<StoredUpdate> append(Update... updates) {
        return Arrays.stream(updates).map(update -> result(store.append(update))).toList();
    }

    private static Update update(String data) {
        return Update.of(TOPIC, data);
    }
}
