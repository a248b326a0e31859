package dev.herald.redis;

/**
 * {@link TwoNodesTest} on a real Redis Cluster: two transports with the same prefix share one slot,
 * hence one stream, one counter and one id index, so they deliver one order with the same ids.
 */
class ClusterTwoNodesTest extends TwoNodesTest {

    @Override
    RedisOptions options(String keyPrefix) {
        return TestRedis.options(TestRedisCluster.uri(), keyPrefix);
    }

    /** Nothing to remove: the cluster is the test run's own and goes away with it. */
    @Override
    void deleteKeys(String keyPrefix) {
    }
}
