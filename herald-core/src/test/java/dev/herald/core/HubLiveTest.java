package dev.herald.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.core.memory.MemoryTransport;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The hub's live-only path: what {@link Hub#publishLive} promises its callers and live listeners. */
class HubLiveTest {

    private static final String TOPIC = "/.well-known/mercure/subscriptions/a/b";

    private final Hub hub = new Hub(new MemoryTransport(100));
    private final List<Update> live = new CopyOnWriteArrayList<>();

    @AfterEach
    void closeHub() {
        hub.close();
    }

    @Test
    void aLiveUpdateWithoutIdIsGivenARandomUrnUuid() {
        hub.addLiveListener(live::add);

        Update sent = hub.publishLive(new Update(null, List.of(TOPIC), "{}", true, null, null)).join();

        assertThat(sent.id()).as("a live update gets a unique id, as every Mercure update has one")
                .matches("urn:uuid:[0-9a-f-]{36}");
        assertThat(live).as("the live listener receives it with that id").containsExactly(sent);
    }

    @Test
    void aLiveUpdateReachesNoUpdateListenerAndNoHistory() {
        RecordingListener appended = new RecordingListener();
        hub.addListener(appended);

        hub.publishLive(Update.of(TOPIC, "{}")).join();
        StoredUpdate marker = hub.publish(Update.of("t", "marker")).join();

        assertThat(appended.awaitCount(1)).as("update listeners get stored updates only").containsExactly(marker);
        assertThat(hub.history(LastEventId.earliest(), PageRequest.defaults()).join().updates()).as("history holds stored updates only")
                .containsExactly(marker);
    }

    @Test
    void aTransportWithoutALivePathIsSaidSoAndRefusesLiveUpdates() {
        try (Hub plain = new Hub(new PlainTransport())) {
            assertThat(plain.hasLivePath()).as("a transport that is not a LiveBroadcast has no live path").isFalse();
            assertThatThrownBy(() -> plain.publishLive(Update.of(TOPIC, "{}")))
                    .isInstanceOf(IllegalStateException.class);
        }
    }

    /** A transport with the four methods only. */
    private static final class PlainTransport implements Transport {
        @Override
        public void start(UpdateListener listener) {
        }

        @Override
        public CompletableFuture<StoredUpdate> append(Update update) {
            return CompletableFuture.failedFuture(new IllegalStateException("not used"));
        }

        @Override
        public CompletableFuture<HistoryPage> readAfter(LastEventId lastEventId, PageRequest request) {
            return CompletableFuture.failedFuture(new IllegalStateException("not used"));
        }

        @Override
        public CompletableFuture<HistoryPage> readNext(HistoryPage previous, PageRequest request) {
            return CompletableFuture.failedFuture(new IllegalStateException("not used"));
        }

        @Override
        public void close() {
        }
    }
}
