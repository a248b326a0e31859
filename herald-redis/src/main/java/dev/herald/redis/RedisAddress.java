package dev.herald.redis;

import io.lettuce.core.RedisURI;
import io.lettuce.core.cluster.RedisClusterURIUtil;
import java.net.URI;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Where the Redis is, read from {@link RedisOptions#uri()}: one server or a Sentinel-managed master
 * (one Lettuce URI, for {@code RedisClient}), or the seed nodes of a Redis Cluster (for
 * {@code RedisClusterClient}, which learns the rest of the cluster from them).
 *
 * <p>Lettuce has no URI scheme that says "cluster": its cluster client takes {@code redis://h1,h2}, which
 * its standalone client would read as one server. Herald's own schemes {@code redis-cluster://} and
 * {@code rediss-cluster://} make the choice explicit in the one flag an operator sets.
 *
 * @param nodes the server, the Sentinels' URI, or the cluster's seed nodes; never empty
 * @param cluster true for a Redis Cluster
 */
record RedisAddress(List<RedisURI> nodes, boolean cluster) {

    static final String CLUSTER_SCHEME = "redis-cluster://";
    static final String TLS_CLUSTER_SCHEME = "rediss-cluster://";

    RedisAddress {
        nodes = List.copyOf(nodes);
        if (nodes.isEmpty()) {
            throw new IllegalArgumentException("a Redis address needs at least one node");
        }
        if (!cluster && nodes.size() > 1) {
            throw new IllegalArgumentException("only a cluster has several seed nodes");
        }
    }

    /**
     * Reads a URI; the message of the exception never repeats the URI, which may carry a password.
     *
     * @throws IllegalArgumentException when neither Lettuce nor the cluster schemes can read it
     */
    static RedisAddress parse(String uri) {
        try {
            if (uri.startsWith(CLUSTER_SCHEME)) {
                return cluster("redis://" + uri.substring(CLUSTER_SCHEME.length()));
            }
            if (uri.startsWith(TLS_CLUSTER_SCHEME)) {
                return cluster("rediss://" + uri.substring(TLS_CLUSTER_SCHEME.length()));
            }
            return new RedisAddress(List.of(RedisURI.create(uri)), false);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("uri is not a Redis URI (redis://host:port, rediss://..., "
                    + "redis-sentinel://...#master, redis-cluster://host1:port1,host2:port2)", e);
        }
    }

    /** Lettuce's cluster URI form: every seed node in one authority, the password and options shared. */
    private static RedisAddress cluster(String lettuceUri) {
        return new RedisAddress(RedisClusterURIUtil.toRedisURIs(URI.create(lettuceUri)), true);
    }

    /** The one server (or Sentinel URI) of a standalone address. */
    RedisURI standalone() {
        if (cluster) {
            throw new IllegalStateException("a cluster address has seed nodes, not one server");
        }
        return nodes.get(0);
    }

    /** Without the password: addresses end up in logs and error messages. */
    @Override
    public String toString() {
        if (!cluster) {
            return nodes.get(0).toString(); // Lettuce leaves the password out
        }
        String scheme = nodes.get(0).isSsl() ? TLS_CLUSTER_SCHEME : CLUSTER_SCHEME;
        return nodes.stream().map(node -> node.getHost() + ":" + node.getPort())
                .collect(Collectors.joining(",", scheme, ""));
    }
}
