package dev.herald.redis;

import dev.herald.core.Transport;
import dev.herald.core.TransportContract;

/**
 * The shared {@link Transport} contract on a real Redis Cluster of three masters: appends, live delivery,
 * history and close behave as on one Redis, with each test's keys in the hash slot of its own prefix.
 */
class ClusterTransportTest extends TransportContract {

    private final String prefix = TestRedis.newPrefix();

    @Override
    protected Transport newTransport(int historyCapacity) {
        return RedisTransport.connect(TestRedis.options(TestRedisCluster.uri(), prefix)
                .withHistorySize(historyCapacity));
    }
}
