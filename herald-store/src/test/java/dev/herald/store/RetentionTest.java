package dev.herald.store;

import dev.herald.core.Acks;

import dev.herald.core.MutableClock;

import static dev.herald.core.Acks.result;
import static dev.herald.store.StoreFiles.storedRows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.core.History;
import dev.herald.core.LastEventId;
import dev.herald.core.RecordingListener;
import dev.herald.core.StoredUpdate;
import dev.herald.core.Update;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retention by count and by age: exact for readers the moment a limit is crossed, and the rows outside
 * it are deleted from the file in the background (checked from the side, with a bounded wait).
 */
class RetentionTest {

    private static final Duration MAX_AGE = Duration.ofMinutes(10);

    @TempDir
    Path directory;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T12:00:00Z"));
    private StoreTransport transport;

    @AfterEach
    void closeTransport() {
        if (transport != null) {
            transport.close();
        }
    }

    @Test
    void rowsBeyondTheCountAreDeletedFromTheFile() {
        start(3);

        appendMany(10);

        await().atMost(RecordingListener.DEFAULT_WAIT).untilAsserted(() ->
                assertThat(storedRows(directory)).as("rows kept in the file").isEqualTo(3));
    }

    @Test
    void updatesOlderThanTheMaxAgeAreNotReplayed() {
        start(100);
        appendMany(2);
        clock.advance(MAX_AGE.plusMillis(1));
        StoredUpdate fresh = append("fresh");

        History history = result(History.readAfter(transport, LastEventId.earliest()));

        assertThat(history.updates()).containsExactly(fresh);
        assertThat(history.head()).isEqualTo(fresh.position());
    }

    @Test
    void updatesExactlyAtTheMaxAgeAreStillReplayed() {
        start(100);
        List<StoredUpdate> acked = appendMany(2);
        clock.advance(MAX_AGE);

        History history = result(History.readAfter(transport, LastEventId.earliest()));

        assertThat(history.updates()).isEqualTo(acked);
    }

    @Test
    void idOlderThanTheMaxAgeAnswersFromEarliest() {
        start(100);
        List<StoredUpdate> old = appendMany(2);
        clock.advance(MAX_AGE.plusMillis(1));
        StoredUpdate fresh = append("fresh");

        History history = result(History.readAfter(transport, new LastEventId(old.get(1).id())));

        assertThat(history.fromEarliest()).as("an expired id is answered from earliest").isTrue();
        assertThat(history.updates()).containsExactly(fresh);
    }

    @Test
    void duplicateIdWhoseEarliestOccurrenceExpiredResumesAfterTheNextOne() {
        start(100);
        append(update("first").withId("dup"));
        clock.advance(Duration.ofMinutes(5));
        append(update("second").withId("dup"));
        StoredUpdate after = append("after");
        clock.advance(Duration.ofMinutes(5).plusMillis(1));

        History history = result(History.readAfter(transport, new LastEventId("dup")));

        assertThat(history.resumedFrom()).isEqualTo("dup");
        assertThat(history.updates()).containsExactly(after);
    }

    @Test
    void expiredRowsAreDeletedFromTheFileButTheNewest() {
        start(100);
        appendMany(5);
        clock.advance(MAX_AGE.plusMillis(1));

        await().atMost(RecordingListener.DEFAULT_WAIT).untilAsserted(() -> assertThat(storedRows(directory))
                .as("only the newest row is kept, hidden, to seed ids after a restart").isEqualTo(1));
        assertThat(result(History.readAfter(transport, LastEventId.earliest())).updates()).isEmpty();
    }

    private void start(long historySize) {
        transport = StoreTransport.open(StoreOptions.defaults(directory).withHistorySize(historySize)
                .withHistoryMaxAge(MAX_AGE).withClock(clock));
        transport.start(new RecordingListener());
    }

    private List<StoredUpdate> appendMany(int count) {
        List<StoredUpdate> acked = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            acked.add(append("update " + i));
        }
        return acked;
    }

    private StoredUpdate append(String data) {
        return append(update(data));
    }

    private StoredUpdate append(Update update) {
        return result(transport.append(update));
    }

    private static Update update(String data) {
        return Update.of("https://example.com/books/1", data);
    }
}
