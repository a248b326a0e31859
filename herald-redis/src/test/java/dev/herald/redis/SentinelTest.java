package dev.herald.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.core.History;
import dev.herald.core.LastEventId;
import dev.herald.core.StoredUpdate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The transport on a {@code redis-sentinel://} URI, against a real Sentinel watching a master and its
 * replica (each test starts its own, in about a second): Lettuce asks the Sentinel for the master, and
 * again after a failover.
 */
class SentinelTest {

    /** One second to notice the master is gone, one or two to promote the replica, then a reconnect. */
    private static final Duration FAILOVER = Duration.ofSeconds(20);
    private static final Duration BETWEEN_TRIES = Duration.ofMillis(100);

    private final RedisSentinelProcess redis = RedisSentinelProcess.start(true);
    private final String prefix = TestRedis.newPrefix();
    private final List<Node> nodes = new ArrayList<>();

    @AfterEach
    void stopEverything() {
        nodes.forEach(Node::close);
        redis.close();
    }

    private Node node() {
        Node node = Node.start(TestRedis.options(redis.uri(), prefix));
        nodes.add(node);
        return node;
    }

    @Test
    void updatesPublishedThroughTheSentinelAreDeliveredAndReplayed() {
        Node publisher = node();
        Node subscriber = node();

        List<StoredUpdate> acknowledged = publisher.appendMany(3, "through the sentinel");

        assertThat(subscriber.delivered.awaitCount(3)).as("the other node delivers them live")
                .containsExactlyElementsOf(acknowledged);
        History history = subscriber.readAfter(new LastEventId(acknowledged.get(0).id()));
        assertThat(history.updates()).as("and replays what came after an id")
                .containsExactlyElementsOf(acknowledged.subList(1, 3));
    }

    @Test
    void afterTheSentinelPromotesTheReplicaAppendsSucceedAgainWithNothingAcknowledgedLost() {
        Node publisher = node();
        Node observer = node();
        List<StoredUpdate> acknowledged = new ArrayList<>(publisher.appendMany(5, "before"));
        redis.awaitReplicaCaughtUp(); // what was acknowledged is on the replica, as in a quiet moment
        int oldMaster = redis.master().port();

        redis.master().stop();
        RetryingPublisher retrying = new RetryingPublisher(publisher.transport);
        await("an append succeeds again").atMost(FAILOVER).pollInterval(BETWEEN_TRIES).until(retrying::tryOnce);
        acknowledged.add(retrying.stored());
        acknowledged.add(publisher.append("after"));

        assertThat(retrying.refused()).as("appends failed while there was no master").isPositive();
        assertThat(redis.currentMasterPort()).as("the Sentinel promoted the replica").isNotEqualTo(oldMaster);
        observer.assertDeliversEachOnceInOrder(acknowledged, FAILOVER);
    }
}
