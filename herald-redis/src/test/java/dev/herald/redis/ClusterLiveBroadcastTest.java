package dev.herald.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.core.LiveBroadcastContract;
import dev.herald.core.Transport;
import dev.herald.core.Update;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The shared {@link dev.herald.core.LiveBroadcast} contract on a real Redis Cluster of three masters:
 * a node's pub/sub connection listens on one master, and Redis Cluster forwards every PUBLISH to all.
 */
class ClusterLiveBroadcastTest extends LiveBroadcastContract {

    private final String prefix = TestRedis.newPrefix();

    @Override
    protected Transport newTransport() {
        return RedisTransport.connect(TestRedis.options(TestRedisCluster.uri(), prefix).withHistorySize(10));
    }

    @Test
    void aBroadcastReachesEveryNodeOfTheHubWhicheverMasterItListensOn() {
        try (RedisTransport other = RedisTransport.connect(TestRedis.options(TestRedisCluster.uri(), prefix))) {
            List<Update> onOther = new CopyOnWriteArrayList<>();
            other.start(updates -> { });
            other.startLive(onOther::add);
            Update update = liveUpdate("urn:uuid:live-1", "x");

            join(started().broadcast(update));

            await().atMost(Duration.ofSeconds(10)).until(() -> onOther.size() == 1);
            assertThat(onOther).as("the other node receives the live update as broadcast").containsExactly(update);
        }
    }
}
