package dev.herald.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The {@link LiveBroadcast} contract, one test per clause of its javadoc. Every transport with a live
 * path extends this class once and supplies {@link #newTransport}; deliveries are awaited with a bound,
 * since nothing here may assume they happen on the broadcasting thread.
 */
public abstract class LiveBroadcastContract {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String TOPIC = "/.well-known/mercure/subscriptions/a/urn%3Auuid%3A1";

    /** What the transport under test delivered live. */
    protected final List<Update> live = new CopyOnWriteArrayList<>();
    protected final RecordingListener appended = new RecordingListener();
    private Transport transport;

    /** A new, empty, not yet started transport that is also a {@link LiveBroadcast}. */
    protected abstract Transport newTransport();

    @AfterEach
    protected final void closeTransport() {
        if (transport != null) {
            transport.close();
        }
    }

    /** A private update with an id, as announcements are. */
    protected static Update liveUpdate(String id, String data) {
        return new Update(id, List.of(TOPIC), data, true, null, null);
    }

    @Test
    void aBroadcastUpdateReachesTheLiveListenerAsBroadcast() {
        Update update = new Update("urn:uuid:live-1", List.of(TOPIC, "alt"), "line one\nline two", true, "T", 10L);

        join(started().broadcast(update));

        await().atMost(WAIT).until(() -> live.size() == 1);
        assertThat(live).as("the live listener receives the update exactly as broadcast").containsExactly(update);
    }

    @Test
    void aBroadcastUpdateIsNeverInTheHistory() {
        join(started().broadcast(liveUpdate("urn:uuid:live-1", "x")));
        await().atMost(WAIT).until(() -> live.size() == 1);

        History history = join(History.readAfter(transport, LastEventId.earliest()));

        assertThat(history.updates()).as("a live-only update is not replayed from earliest").isEmpty();
        assertThat(history.head()).as("a live-only update takes no position").isEqualTo(Position.NONE);
    }

    @Test
    void aBroadcastUpdateIsNeverDeliveredAsAnAppendedOne() {
        join(started().broadcast(liveUpdate("urn:uuid:live-1", "x")));
        StoredUpdate marker = join(transport.append(Update.of("t", "marker")));

        assertThat(appended.awaitCount(1)).as("only the appended update reaches the update listener")
                .containsExactly(marker);
        assertThat(marker.position()).as("the broadcast took no position from the appended update")
                .isEqualTo(new Position(1));
    }

    @Test
    void broadcastsFromOneThreadArriveInTheirOrder() {
        LiveBroadcast broadcast = started();
        for (int i = 0; i < 50; i++) {
            join(broadcast.broadcast(liveUpdate("urn:uuid:live-" + i, "x")));
        }

        await().atMost(WAIT).until(() -> live.size() == 50);
        assertThat(live).extracting(Update::id).as("each node receives one thread's broadcasts in order")
                .containsExactlyElementsOf(java.util.stream.IntStream.range(0, 50)
                        .mapToObj(i -> "urn:uuid:live-" + i).toList());
    }

    @Test
    void aBroadcastAfterCloseFailsAndIsNotDelivered() {
        LiveBroadcast broadcast = started();
        transport.close();

        CompletableFuture<Void> late = broadcast.broadcast(liveUpdate("urn:uuid:late", "x"));

        assertThat(late).as("a closed transport refuses live updates").isCompletedExceptionally();
        assertThat(live).as("a refused live update reaches nobody").isEmpty();
    }

    /** Starts a new transport with both listeners; returns it as a {@link LiveBroadcast}. */
    protected final LiveBroadcast started() {
        transport = newTransport();
        transport.start(appended);
        LiveBroadcast broadcast = (LiveBroadcast) transport;
        broadcast.startLive(live::add);
        return broadcast;
    }

    protected static <T> T join(CompletableFuture<T> future) {
        try {
            return future.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("the transport did not answer: " + e, e);
        }
    }
}
