package dev.herald.redis;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode.NodeFlag;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.protocol.ConnectionIntent;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The Lettuce client and the transport's four connections, to one Redis, a Sentinel-managed master or a
 * Redis Cluster: the rest of the transport sees only what the three share, {@link RedisClusterAsyncCommands}
 * (which the standalone API extends), so appends, reads and scripts are one code path.
 *
 * @param client the client, shut down by the transport with its resources
 * @param commands appends and history reads, pipelined
 * @param reader the blocking stream reader, alone, since {@code XREAD BLOCK} holds its connection
 * @param livePublisher publishes live-only updates: a queue of its own, so that they never take the
 *     room {@link RedisOptions#maxPendingCommands()} keeps for appends on {@code commands}
 * @param live subscribed to the live-only channel, alone, since a subscribed connection takes no other
 *     commands (on a cluster, to one node: Redis Cluster forwards every {@code PUBLISH} to all nodes)
 */
record RedisConnections(AbstractRedisClient client, Connection commands, Connection reader,
        Connection livePublisher, StatefulRedisPubSubConnection<String, String> live) {

    /**
     * Lettuce refreshes a cluster's topology only when told to. Periodically catches what no command ran
     * into (a replica added, a slot moved); 10 s is one {@code CLUSTER NODES} per node every 10 s.
     */
    static final Duration TOPOLOGY_REFRESH_PERIOD = Duration.ofSeconds(10);
    /**
     * Adaptive refreshes (after MOVED, ASK, an uncovered slot, or persistent reconnects to a node that
     * died) are what finds the promoted replica after a failover; at most one per second, so a burst of
     * redirects costs one refresh, and a failover costs subscribers about a second more than Redis takes.
     */
    static final Duration ADAPTIVE_REFRESH_LIMIT = Duration.ofSeconds(1);
    /** Three failed reconnects (50 + 100 + 200 ms with the transport's delay) mean the node is gone. */
    static final int RECONNECTS_BEFORE_REFRESH = 3;
    /** Nodes the cluster agreed are down, or that have no address, get no connections and no commands. */
    private static final Predicate<RedisClusterNode> USABLE_NODE = node ->
            !node.is(NodeFlag.FAIL) && !node.is(NodeFlag.NOADDR);

    /** One connection and the asynchronous commands on it. */
    record Connection(StatefulConnection<String, String> state, RedisClusterAsyncCommands<String, String> async) {

        static Connection of(StatefulRedisConnection<String, String> connection) {
            return new Connection(connection, connection.async());
        }

        static Connection of(StatefulRedisClusterConnection<String, String> connection) {
            return new Connection(connection, connection.async());
        }
    }

    /**
     * Connects both connections.
     *
     * @throws RedisException when the Redis (or no seed node of the cluster) accepts a connection within
     *     the command timeout; the client is shut down by then, the resources are the caller's
     */
    static RedisConnections open(RedisAddress address, RedisOptions options, ClientResources resources) {
        if (address.cluster()) {
            RedisClusterClient client = RedisClusterClient.create(resources, address.nodes());
            ClusterClientOptions.Builder clientOptions = ClusterClientOptions.builder()
                    .topologyRefreshOptions(ClusterTopologyRefreshOptions.builder()
                            .enablePeriodicRefresh(TOPOLOGY_REFRESH_PERIOD)
                            .enableAllAdaptiveRefreshTriggers()
                            .adaptiveRefreshTriggersTimeout(ADAPTIVE_REFRESH_LIMIT)
                            .refreshTriggersReconnectAttempts(RECONNECTS_BEFORE_REFRESH)
                            .build())
                    .nodeFilter(USABLE_NODE);
            client.setOptions(common(clientOptions, options).build());
            String key = options.keys().stream();
            return connectAll(client, options, () -> {
                StatefulRedisClusterConnection<String, String> connection = client.connect(StringCodec.UTF8);
                connectToMasterOf(connection, key);
                return Connection.of(connection);
            }, () -> client.connectPubSub(StringCodec.UTF8));
        }
        RedisClient client = RedisClient.create(resources, address.standalone());
        client.setOptions(common(ClientOptions.builder(), options).build());
        return connectAll(client, options, () -> Connection.of(client.connect(StringCodec.UTF8)),
                () -> client.connectPubSub(StringCodec.UTF8));
    }

    /**
     * A cluster connection connects to a node when the first command for it is sent; with
     * {@code REJECT_COMMANDS} that command fails ("not connected") while the connection is being made.
     * Connecting to the master of the hub's slot at once keeps the first append from failing.
     */
    private static void connectToMasterOf(StatefulRedisClusterConnection<String, String> connection, String key) {
        RedisClusterNode master = connection.getPartitions().getPartitionBySlot(SlotHash.getSlot(key));
        if (master != null) {
            connection.getConnection(master.getUri().getHost(), master.getUri().getPort(), ConnectionIntent.WRITE);
        }
    }

    boolean isOpen() {
        return commands.state().isOpen() && reader.state().isOpen() && livePublisher.state().isOpen() && live.isOpen();
    }

    void closeConnections() {
        commands.state().close();
        reader.state().close();
        livePublisher.state().close();
        live.close();
    }

    /** What both kinds of client are told; a builder changes in place, so its own type comes back. */
    private static <B extends ClientOptions.Builder> B common(B builder, RedisOptions options) {
        // Fail at once while disconnected rather than queue without bound for a Redis that may be gone for
        // minutes; this also fails commands in flight when the connection drops.
        builder.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .requestQueueSize(options.maxPendingCommands())
                .socketOptions(SocketOptions.builder().connectTimeout(options.commandTimeout()).build())
                .timeoutOptions(TimeoutOptions.enabled()); // each connection's own timeout, set below
        return builder;
    }

    private static RedisConnections connectAll(AbstractRedisClient client, RedisOptions options,
            Supplier<Connection> connect, Supplier<StatefulRedisPubSubConnection<String, String>> connectPubSub) {
        Connection commands = null;
        Connection reader = null;
        Connection livePublisher = null;
        try {
            commands = connect.get();
            commands.state().setTimeout(options.commandTimeout());
            reader = connect.get();
            // A blocking read legitimately takes the whole block timeout before Redis answers.
            reader.state().setTimeout(options.blockTimeout().plus(options.commandTimeout()));
            livePublisher = connect.get();
            livePublisher.state().setTimeout(options.commandTimeout());
            StatefulRedisPubSubConnection<String, String> live = connectPubSub.get();
            live.setTimeout(options.commandTimeout());
            return new RedisConnections(client, commands, reader, livePublisher, live);
        } catch (RedisException e) {
            for (Connection connection : new Connection[] {commands, reader, livePublisher}) {
                if (connection != null) {
                    connection.state().close();
                }
            }
            client.shutdown(Duration.ZERO, options.commandTimeout());
            throw e;
        }
    }
}
