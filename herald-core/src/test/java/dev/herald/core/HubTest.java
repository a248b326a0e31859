package dev.herald.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import dev.herald.core.memory.MemoryTransport;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The hub fans every accepted update out to its listeners and answers history from its transport. */
class HubTest {

    private static final String TOPIC = "https://example.com/books/1";

    private final Hub hub = new Hub(new MemoryTransport(100));

    @AfterEach
    void closeHub() {
        hub.close();
    }

    @Test
    void publishReachesEveryAddedListenerInOrder() {
        RecordingListener first = new RecordingListener();
        RecordingListener second = new RecordingListener();
        hub.addListener(first);
        hub.addListener(second);

        List<StoredUpdate> published = publishAll("a", "b", "c");

        assertThat(first.awaitCount(3)).as("the first listener gets every update in order")
                .containsExactlyElementsOf(published);
        assertThat(second.awaitCount(3)).as("the second listener gets every update in order")
                .containsExactlyElementsOf(published);
    }

    @Test
    void listenerReceivesOnlyUpdatesPublishedAfterItWasAdded() {
        publishAll("before");
        RecordingListener late = new RecordingListener();
        hub.addListener(late);

        List<StoredUpdate> published = publishAll("after");

        assertThat(late.awaitCount(1)).containsExactlyElementsOf(published);
    }

    @Test
    void removedListenerReceivesNothingMore() {
        RecordingListener removed = new RecordingListener();
        RecordingListener kept = new RecordingListener();
        hub.addListener(removed);
        hub.addListener(kept);
        List<StoredUpdate> beforeRemoval = publishAll("a");
        hub.removeListener(removed);

        publishAll("b");

        kept.awaitCount(2);
        assertThat(removed.updates()).as("nothing reaches a listener after its removal")
                .containsExactlyElementsOf(beforeRemoval);
    }

    @Test
    void publishCompletesWithTheStoredUpdate() {
        StoredUpdate stored = hub.publish(Update.of(TOPIC, "x").withId("id-1")).join();

        assertThat(stored.update()).isEqualTo(Update.of(TOPIC, "x").withId("id-1"));
    }

    @Test
    void historyIsTheTransportsAnswerToTheSameLastEventId() {
        HistoryPage canned = new HistoryPage("id-1", new Position(7), List.of(), new Position(7));
        StubTransport transport = new StubTransport(canned);
        try (Hub stubbed = new Hub(transport)) {

            HistoryPage answer = stubbed.history(new LastEventId("id-1"), PageRequest.defaults()).join();

            assertThat(answer).isSameAs(canned);
            assertThat(transport.readRequests).containsExactly(new LastEventId("id-1"));
        }
    }

    @Test
    void aCompleteReplayHasNoNextPage() {
        HistoryPage last = new HistoryPage("id-1", new Position(7), List.of(), new Position(7));

        assertThatIllegalArgumentException().isThrownBy(() -> hub.nextPage(last, PageRequest.defaults()))
                .withMessage("the replay is complete: there is no page after its last");
    }

    @Test
    void closingTheHubClosesTheTransport() {
        StubTransport transport = new StubTransport(null);
        Hub stubbed = new Hub(transport);

        stubbed.close();

        assertThat(transport.closed).isTrue();
    }

    @Test
    void missingUpdateIsRejectedByName() {
        assertThatNullPointerException().isThrownBy(() -> hub.publish(null)).withMessage("update");
    }

    @Test
    void missingLastEventIdIsRejectedByName() {
        assertThatNullPointerException().isThrownBy(() -> hub.history(null, PageRequest.defaults())).withMessage("lastEventId");
    }

    @Test
    void missingListenerIsRejectedByName() {
        assertThatNullPointerException().isThrownBy(() -> hub.addListener(null)).withMessage("listener");
    }

    // --- Fixtures ----------------------------------------------------------------------------------

    private List<StoredUpdate> publishAll(String... data) {
        List<StoredUpdate> published = new ArrayList<>();
        for (String each : data) {
            published.add(hub.publish(Update.of(TOPIC, each)).join());
        }
        return published;
    }

    /** Answers every history request with one canned history and remembers what was asked. */
    private static final class StubTransport implements Transport {
        final List<LastEventId> readRequests = new ArrayList<>();
        private final HistoryPage history;
        boolean closed;

        StubTransport(HistoryPage history) {
            this.history = history;
        }

        @Override
        public void start(UpdateListener listener) {
        }

        @Override
        public CompletableFuture<StoredUpdate> append(Update update) {
            return CompletableFuture.failedFuture(new UnsupportedOperationException("not used by these tests"));
        }

        @Override
        public CompletableFuture<HistoryPage> readAfter(LastEventId lastEventId, PageRequest request) {
            readRequests.add(lastEventId);
            return CompletableFuture.completedFuture(history);
        }

        @Override
        public CompletableFuture<HistoryPage> readNext(HistoryPage previous, PageRequest request) {
            return CompletableFuture.failedFuture(new UnsupportedOperationException("not used by these tests"));
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
