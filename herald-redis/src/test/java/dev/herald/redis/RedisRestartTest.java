package dev.herald.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.core.History;
import dev.herald.core.LastEventId;
import dev.herald.core.RecordingListener;
import dev.herald.core.StoredUpdate;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A Redis of the test's own that is killed and started again on the same port. It keeps nothing on
 * disk, so a restart also loses every key: the worst case, which positions must survive too.
 */
class RedisRestartTest {

    private final RedisProcess redis = RedisProcess.start();
    private final String prefix = TestRedis.newPrefix();
    private final Node node = Node.start(TestRedis.options(redis.uri(), prefix));

    @AfterEach
    void stopEverything() {
        node.close();
        redis.close();
    }

    @Test
    void appendsFailAtOnceWithAClearMessageWhileRedisIsDown() {
        node.append("before");
        redis.stop();

        CompletableFuture<StoredUpdate> during = node.transport.append(Node.update("during"));

        assertThat(during).failsWithin(RecordingListener.DEFAULT_WAIT).withThrowableThat()
                .havingCause().isInstanceOf(RedisTransportException.class)
                .withMessageStartingWith("cannot append to " + prefix + ":stream on " + redis.uri() + ": ");
    }

    @Test
    void isNotReadyWhileRedisIsDownAndReadyAgainOnceItIsBack() {
        assertThat(node.transport.deliveryHealth().problem()).as("delivering once started").isEmpty();

        redis.stop();
        await().atMost(RecordingListener.DEFAULT_WAIT).until(() -> !node.delivering());
        redis.startAgain();

        await().atMost(RecordingListener.DEFAULT_WAIT).until(() -> node.delivering());
    }

    @Test
    void deliversNewAppendsAfterRedisIsBack() {
        StoredUpdate before = node.append("before");
        node.delivered.awaitCount(1);

        restartRedis();
        StoredUpdate after = node.append("after");

        assertThat(node.delivered.awaitCount(2)).as("the reader reads on after the restart")
                .containsExactly(before, after);
    }

    @Test
    void positionsKeepIncreasingAfterARestartThatLostTheData() {
        List<StoredUpdate> before = node.appendMany(3, "before");

        restartRedis();
        StoredUpdate after = node.append("after");

        assertThat(after.position()).as("the lost sequence goes on after what this node saw")
                .isEqualTo(before.get(2).position().next());
        assertThat(after.id()).as("and so do generated ids").isGreaterThan(before.get(2).id());
    }

    @Test
    void anIdleNodeSetsTheSequenceForwardSoThatAFreshNodesAppendsReachIt() {
        List<StoredUpdate> before;
        try (Node publisher = Node.start(TestRedis.options(redis.uri(), prefix))) {
            before = publisher.appendMany(3, "before");
        }
        node.delivered.awaitCount(3);

        restartRedis();
        try (Node fresh = Node.start(TestRedis.options(redis.uri(), prefix))) {
            StoredUpdate after = fresh.append("after");

            assertThat(after.position()).as("a node that saw nothing still appends after what others delivered")
                    .isGreaterThan(before.get(2).position());
            assertThat(node.delivered.awaitCount(4)).as("so the idle node delivers it").endsWith(after);
        }
    }

    @Test
    void idsFromBeforeARestartThatLostTheDataAnswerFromEarliest() {
        List<StoredUpdate> before = node.appendMany(3, "before");

        restartRedis();
        StoredUpdate after = node.append("after");
        History history = node.readAfter(new LastEventId(before.get(0).id()));

        assertThat(history.fromEarliest()).as("the history before the restart is gone, and the client is told")
                .isTrue();
        assertThat(history.updates()).containsExactly(after);
    }

    /** Kills Redis and starts it again empty, then waits until this node uses it again. */
    private void restartRedis() {
        redis.stop();
        await().atMost(RecordingListener.DEFAULT_WAIT).until(() -> !node.delivering());
        redis.startAgain();
        await().atMost(RecordingListener.DEFAULT_WAIT).until(() -> node.delivering());
    }
}
