package dev.herald.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.core.Acks;
import dev.herald.core.DeliveryHealth;
import dev.herald.core.RecordingListener;
import dev.herald.core.StoredUpdate;
import dev.herald.core.UpdateListener;
import io.lettuce.core.AclSetuserArgs;
import io.lettuce.core.protocol.CommandType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the Redis transport tells readiness, on a redis-server of this test's own: the lag is measured
 * against the stream's end, so it counts every node's appends; a reader that does not come back is a
 * problem even though Redis answers; a reader whose connection froze does not deliver while Redis
 * answers everything else, and once it thaws delivers again, missing nothing; a reader whose reads
 * alone Redis refuses is steadily not delivering, and backs off.
 */
class RedisDeliveryHealthTest {

    /** Short timeouts, so that a stuck reader is noticed within a few seconds (stall limit 4 s). */
    private static final Duration COMMAND_TIMEOUT = Duration.ofMillis(300);
    private static final Duration BLOCK_TIMEOUT = Duration.ofMillis(200);

    private final RedisProcess redis = RedisProcess.start();
    private final String prefix = TestRedis.newPrefix();
    private final List<AutoCloseable> closing = new ArrayList<>();

    @AfterEach
    void closeEverything() throws Exception {
        for (int i = closing.size() - 1; i >= 0; i--) {
            closing.get(i).close();
        }
        redis.close();
    }

    @Test
    void aNodeHeldInItsListenerLagsBehindTheOtherNodesAppendsAndCatchesUpOnceReleased() {
        HeldListener held = new HeldListener();
        RedisTransport a = started(TestRedis.options(redis.uri(), prefix), held);
        Node b = node(TestRedis.options(redis.uri(), prefix));
        b.append("held in A's listener");
        held.awaitHeld();

        b.appendMany(3, "waiting behind it");

        await("A's lag to count B's appends").atMost(RecordingListener.DEFAULT_WAIT)
                .until(() -> a.readerLag() == 4 && a.deliveryHealth().lag().compareTo(Duration.ofSeconds(1)) > 0);
        assertThat(a.deliveryHealth().notReadyReason(Duration.ofSeconds(1))).as("late beyond a bound of 1 s")
                .hasValueSatisfying(reason -> assertThat(reason).contains("behind the transport (more than 1.0 s)"));
        assertThat(b.transport.deliveryHealth().notReadyReason(Duration.ofSeconds(1))).as("B keeps up").isEmpty();

        held.release();

        await("A to catch up").atMost(RecordingListener.DEFAULT_WAIT)
                .until(() -> a.readerLag() == 0 && a.deliveryHealth().equals(DeliveryHealth.CAUGHT_UP));
        assertThat(held.recorded.awaitCount(4)).as("A delivered everything once it was released").hasSize(4);
    }

    /**
     * A reader that never comes back from its listener stops its loop as surely as one whose callback
     * threw: no Redis error says so, the missing turns of the loop do.
     */
    @Test
    void aReaderThatDoesNotComeBackIsNotDeliveringAndIsAgainOnceItDoes() {
        HeldListener held = new HeldListener();
        RedisOptions options = TestRedis.options(redis.uri(), prefix).withCommandTimeout(COMMAND_TIMEOUT)
                .withBlockTimeout(BLOCK_TIMEOUT);
        RedisTransport a = started(options, held);
        Acks.result(a.append(Node.update("held in the listener")));
        held.awaitHeld();

        await("the stall to be noticed").atMost(RecordingListener.DEFAULT_WAIT)
                .until(() -> a.deliveryHealth().problem().isPresent());
        assertThat(a.deliveryHealth().problem().orElseThrow())
                .startsWith("the stream reader has not come back from Redis or from delivering for ");

        held.release();

        await("the reader to come back").atMost(RecordingListener.DEFAULT_WAIT)
                .until(() -> a.deliveryHealth().problem().isEmpty());
    }

    /**
     * The reader's connection goes silent (a half-open connection: what a failover that moved an address
     * or a forgetful NAT leaves) while the node's other connections and the other node go on: its reads
     * time out, so it says it is not delivering, though its own appends are still acknowledged.
     */
    @Test
    void aNodeWhoseReaderConnectionFrozeIsNotDeliveringWhileItsAppendsAndTheOtherNodeGoOn() {
        try (FreezingProxy proxy = FreezingProxy.to(redis.port())) {
            Node a = node(TestRedis.options(proxy.uri(), prefix));
            Node b = node(TestRedis.options(redis.uri(), prefix));
            StoredUpdate before = b.append("before");
            a.delivered.awaitCount(1);

            proxy.freezeConnectionsThatSent("XREAD");
            assertThat(proxy.frozenConnections()).as("the reader's connection, and only it").isEqualTo(1);

            await("A to notice").atMost(RecordingListener.DEFAULT_WAIT).until(() -> !a.delivering());
            assertThat(a.transport.deliveryHealth().problem().orElseThrow())
                    .startsWith("the stream reader cannot read from Redis: ");
            StoredUpdate fromA = a.append("appended on A meanwhile");
            StoredUpdate fromB = b.append("appended on B meanwhile");
            await("A's lag to count both").atMost(RecordingListener.DEFAULT_WAIT).until(() -> a.transport.readerLag() == 2);
            assertThat(b.delivering()).as("B delivers all along").isTrue();

            proxy.thaw();

            await("A to deliver again").atMost(RecordingListener.DEFAULT_WAIT).until(a::delivering);
            a.assertDeliversEachOnceInOrder(List.of(before, fromA, fromB), RecordingListener.DEFAULT_WAIT);
        }
    }

    /**
     * Redis refuses the reader's reads and nothing else (an ACL without XREAD for the node's user): its
     * appends and its reader's recoveries succeed, its reads fail. A recovery is not a read: the node
     * stays not delivering all along, and its retries back off instead of starting over at once.
     */
    @Test
    void aNodeWhoseReadsAloneAreRefusedIsSteadilyNotDeliveringAndBacksOffUntilItMayReadAgain() {
        try (Keyspace admin = new Keyspace(redis.uri(), prefix)) {
            admin.redis().aclSetuser("herald-a", AclSetuserArgs.Builder.on().addPassword("a-secret").allKeys()
                    .allChannels().allCommands());
            Node a = node(TestRedis.options("redis://herald-a:a-secret@127.0.0.1:" + redis.port(), prefix));
            StoredUpdate before = a.append("before");
            a.delivered.awaitCount(1);

            admin.redis().aclSetuser("herald-a", AclSetuserArgs.Builder.removeCommand(CommandType.XREAD));
            await("A to notice").atMost(RecordingListener.DEFAULT_WAIT).until(() -> !a.delivering());
            assertThat(a.transport.deliveryHealth().problem().orElseThrow())
                    .startsWith("the stream reader cannot read from Redis: NOPERM");
            StoredUpdate during = a.append("appended while A may not read");
            long recoveries = a.transport.readerRecoveries();
            await("A to stay not delivering").during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(8))
                    .until(() -> !a.delivering());
            assertThat(a.transport.readerRecoveries() - recoveries).as("retries in 5 s, backing off up to 2 s")
                    .isLessThanOrEqualTo(10);

            admin.redis().aclSetuser("herald-a", AclSetuserArgs.Builder.addCommand(CommandType.XREAD));

            await("A to deliver again").atMost(RecordingListener.DEFAULT_WAIT).until(a::delivering);
            a.assertDeliversEachOnceInOrder(List.of(before, during), RecordingListener.DEFAULT_WAIT);
        }
    }

    private Node node(RedisOptions options) {
        Node node = Node.start(options);
        closing.add(node);
        return node;
    }

    private RedisTransport started(RedisOptions options, UpdateListener listener) {
        RedisTransport transport = RedisTransport.connect(options);
        closing.add(transport);
        transport.start(listener);
        return transport;
    }

    /** Records every call and holds the reader thread in the first one until released (bounded). */
    private static final class HeldListener implements UpdateListener {

        final RecordingListener recorded = new RecordingListener();
        private final CountDownLatch held = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);

        @Override
        public void onUpdates(List<StoredUpdate> updates) {
            recorded.onUpdates(updates);
            held.countDown();
            try {
                released.await(30, TimeUnit.SECONDS); // the test releases it; never a reader stuck for good
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        void awaitHeld() {
            await("the reader to deliver its first batch").atMost(RecordingListener.DEFAULT_WAIT)
                    .until(() -> held.getCount() == 0);
        }

        void release() {
            released.countDown();
        }
    }
}
