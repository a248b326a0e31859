package dev.herald.store;

import dev.herald.core.Acks;

import dev.herald.core.MutableClock;

import static dev.herald.core.Acks.result;
import static dev.herald.store.StoreFiles.storedRows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.core.History;
import dev.herald.core.LastEventId;
import dev.herald.core.Position;
import dev.herald.core.RecordingListener;
import dev.herald.core.StoredUpdate;
import dev.herald.core.Update;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a store keeps across close and reopen: history, positions, id order. */
class StoreRestartTest {

    private static final String TOPIC = "https://example.com/books/1";
    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");

    @TempDir
    Path directory;

    private final MutableClock clock = new MutableClock(T0);

    @Test
    void historySurvivesCloseAndReopen() {
        List<StoredUpdate> before = runAndClose(3);

        try (StoreTransport reopened = open()) {
            reopened.start(new RecordingListener());

            History history = result(History.readAfter(reopened, LastEventId.earliest()));

            assertThat(history.updates()).as("the reopened store replays the previous run").isEqualTo(before);
            assertThat(history.head()).isEqualTo(before.get(2).position());
        }
    }

    @Test
    void resumeAfterAnIdOfThePreviousRunReplaysWhatCameAfterIt() {
        List<StoredUpdate> before = runAndClose(3);

        try (StoreTransport reopened = open()) {
            reopened.start(new RecordingListener());

            History history = result(History.readAfter(reopened, new LastEventId(before.get(0).id())));

            assertThat(history.updates()).isEqualTo(before.subList(1, 3));
            assertThat(history.resumedFrom()).isEqualTo(before.get(0).id());
        }
    }

    @Test
    void positionsContinueAfterReopen() {
        List<StoredUpdate> before = runAndClose(3);

        try (StoreTransport reopened = open()) {
            reopened.start(new RecordingListener());

            StoredUpdate next = result(reopened.append(update("next")));

            assertThat(next.position()).isEqualTo(before.get(2).position().next());
        }
    }

    @Test
    void reopenedStoreDeliversOnlyNewUpdates() {
        runAndClose(3);
        RecordingListener listener = new RecordingListener();

        try (StoreTransport reopened = open()) {
            reopened.start(listener);
            StoredUpdate next = result(reopened.append(update("next")));

            assertThat(listener.awaitCount(1)).as("history is replayed on request, not delivered again")
                    .containsExactly(next);
        }
    }

    @Test
    void generatedIdsKeepIncreasingAfterReopenEvenWhenTheClockWentBack() {
        List<StoredUpdate> before = runAndClose(3);
        clock.set(T0.minus(Duration.ofHours(1)));

        try (StoreTransport reopened = open()) {
            reopened.start(new RecordingListener());

            String next = result(reopened.append(update("next"))).id();

            assertThat(next).as("an id generated after the restart sorts after every earlier one")
                    .isGreaterThan(before.get(2).id());
        }
    }

    @Test
    void positionsAreNotReusedAfterRetentionDeletedTheHistory() {
        List<StoredUpdate> before = runAndClose(3);
        clock.advance(StoreOptions.DEFAULT_HISTORY_MAX_AGE.plusMinutes(1));
        try (StoreTransport aged = open()) {
            aged.start(new RecordingListener());
            await().atMost(RecordingListener.DEFAULT_WAIT).untilAsserted(() -> assertThat(storedRows(directory))
                    .as("retention deletes all but the newest row, whose time seeds ids").isEqualTo(1));
        }

        try (StoreTransport reopened = open()) {
            reopened.start(new RecordingListener());
            assertThat(result(History.readAfter(reopened, LastEventId.earliest())).updates())
                    .as("the row kept past the age limit is not replayed").isEmpty();

            StoredUpdate next = result(reopened.append(update("next")));

            assertThat(next.position()).isEqualTo(before.get(2).position().next());
        }
    }

    @Test
    void everyFieldReadsBackAsPublished() {
        Update published = new Update(null, List.of(TOPIC, "urn:alt:1:2", "4:fake", "spaces and é 😀"),
                "multi\r\nline é 😀 \0 data", true, "book.updated", 2_500L);
        StoredUpdate stored;
        try (StoreTransport transport = open()) {
            transport.start(new RecordingListener());
            stored = result(transport.append(published));
        }

        try (StoreTransport reopened = open()) {
            List<StoredUpdate> replayed = result(History.readAfter(reopened, LastEventId.earliest())).updates();

            assertThat(replayed).containsExactly(new StoredUpdate(new Position(1), published.withId(stored.id())));
        }
    }

    @Test
    void duplicateIdResumesAfterItsEarliestOccurrenceAfterReopen() {
        List<StoredUpdate> stored = new ArrayList<>();
        try (StoreTransport transport = open()) {
            transport.start(new RecordingListener());
            stored.add(result(transport.append(update("first").withId("dup"))));
            stored.add(result(transport.append(update("between"))));
            stored.add(result(transport.append(update("second").withId("dup"))));
        }

        try (StoreTransport reopened = open()) {
            History history = result(History.readAfter(reopened, new LastEventId("dup")));

            assertThat(history.updates()).isEqualTo(stored.subList(1, 3));
        }
    }

    /** Opens, appends {@code count} updates without id, closes; returns what was acknowledged. */
    private List<StoredUpdate> runAndClose(int count) {
        List<StoredUpdate> acked = new ArrayList<>();
        try (StoreTransport transport = open()) {
            transport.start(new RecordingListener());
            for (int i = 0; i < count; i++) {
                acked.add(result(transport.append(update("update " + i))));
            }
        }
        return acked;
    }

    private StoreTransport open() {
        return StoreTransport.open(StoreOptions.defaults(directory).withClock(clock));
    }

    private static Update update(String data) {
        return Update.of(TOPIC, data);
    }
}
