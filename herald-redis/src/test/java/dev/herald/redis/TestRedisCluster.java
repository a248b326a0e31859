package dev.herald.redis;

import java.time.Duration;

/**
 * The Redis Cluster the cluster tests share: three masters without replicas, started on first use and
 * stopped when the JVM exits (about a second to form). Every test takes its own key prefix, and so its
 * own hash slot, as on the shared standalone Redis.
 */
final class TestRedisCluster {

    /** Long enough that a busy two-core machine never makes a node look failed to the others. */
    private static final Duration NODE_TIMEOUT = Duration.ofSeconds(5);

    private TestRedisCluster() {
    }

    /** The shared cluster's {@code redis-cluster://} URI. */
    static String uri() {
        return Shared.CLUSTER.uri();
    }

    /** Initialized on first use: the class loader runs this once, whichever test asks first. */
    private static final class Shared {

        static final RedisClusterProcess CLUSTER = RedisClusterProcess.start(3, 0, NODE_TIMEOUT);
    }
}
