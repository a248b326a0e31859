package dev.herald.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.core.StoredUpdate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A Redis Cluster of three masters with a replica each (node timeout 1 s), whose master for the hub's
 * slot is killed: the cluster promotes the replica within about three seconds, and the transports find
 * it by refreshing the topology. Each test forms its own cluster (about 2 s).
 */
class ClusterFailoverTest {

    /** Detection (1 s node timeout), election and promotion, then a topology refresh: ~3-5 s here. */
    private static final Duration FAILOVER = Duration.ofSeconds(20);
    private static final Duration BETWEEN_TRIES = Duration.ofMillis(100);

    private final RedisClusterProcess cluster = RedisClusterProcess.start(3, 1, Duration.ofSeconds(1));
    private final String prefix = TestRedis.newPrefix();
    private final Node publisher = Node.start(TestRedis.options(cluster.uri(), prefix));
    private final Node observer = Node.start(TestRedis.options(cluster.uri(), prefix));

    @AfterEach
    void stopEverything() {
        publisher.close();
        observer.close();
        cluster.close();
    }

    @Test
    void appendsFailWhileTheMasterIsDownAndSucceedOnThePromotedReplicaWithNothingAcknowledgedLost() {
        List<StoredUpdate> acknowledged = new ArrayList<>(publisher.appendMany(5, "before"));
        int master = cluster.masterOf(TestRedis.options(cluster.uri(), prefix).keys().stream());
        cluster.awaitReplicasOf(master); // what was acknowledged is on the replica, as in a quiet moment

        cluster.kill(master);
        RetryingPublisher retrying = new RetryingPublisher(publisher.transport);
        await("an append succeeds again").atMost(FAILOVER).pollInterval(BETWEEN_TRIES).until(retrying::tryOnce);
        assertThat(retrying.refused()).as("appends failed while no master served the hub's slot").isPositive();
        acknowledged.add(retrying.stored());
        acknowledged.add(publisher.append("after"));

        observer.assertDeliversEachOnceInOrder(acknowledged, FAILOVER);
        // Its appends' connection found the new master; its reader's may still wait out a retry (up to 2 s).
        await("the publishing node to deliver again").atMost(FAILOVER).until(publisher::delivering);
    }
}
