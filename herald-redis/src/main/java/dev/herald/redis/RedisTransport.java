package dev.herald.redis;

import dev.herald.core.Appended;
import dev.herald.core.DeliveryHealth;
import dev.herald.core.HistoryPage;
import dev.herald.core.IdempotencyKey;
import dev.herald.core.IdempotentAppend;
import dev.herald.core.LastEventId;
import dev.herald.core.LiveBroadcast;
import dev.herald.core.LiveListener;
import dev.herald.core.PageRequest;
import dev.herald.core.ReaderStats;
import dev.herald.core.StoredUpdate;
import dev.herald.core.Transport;
import dev.herald.core.TransportHealth;
import dev.herald.core.Update;
import dev.herald.core.UpdateListener;
import dev.herald.redis.internal.Appender;
import dev.herald.redis.internal.Floor;
import dev.herald.redis.internal.HistoryReader;
import dev.herald.redis.internal.Keys;
import dev.herald.redis.internal.LiveChannel;
import dev.herald.redis.internal.ReaderLag;
import dev.herald.redis.internal.StreamHeadPoll;
import dev.herald.redis.internal.StreamReader;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisException;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import io.lettuce.core.resource.DefaultClientResources;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Transport} for a hub of several nodes: every node that shares a Redis and a key prefix sees
 * one total order, delivers it in full, and answers resumes for ids published on any node. Needs
 * Redis 5 or newer (streams, scripts replicated by effect; tested on 7.0) with
 * {@code maxmemory-policy noeviction}; the keys are described in {@link RedisOptions#keyPrefix()}.
 *
 * <ul>
 *   <li><b>Order and ids.</b> Each append is one Lua script ({@code append.lua}), which Redis runs
 *       alone: it takes the next position from a counter, generates the id when the update has none
 *       and adds the stream entry {@code 0-<position>}, the id index and retention, all in one step.
 *       Generated ids are UUIDv7 ({@code urn:uuid:}) made of Redis's clock (kept from going back) and
 *       the position, so they increase in position order across all nodes, not only on one.</li>
 *   <li><b>Acknowledgement.</b> {@link #append} never blocks: Lettuce pipelines concurrent appends on
 *       one connection, and the future completes on a Lettuce I/O thread (chain slow work with an
 *       {@code *Async} stage) once Redis answered. The update is then in Redis's memory; whether it
 *       survives a Redis crash is Redis's configuration ({@code appendonly yes} with {@code appendfsync
 *       everysec} loses at most a second, {@code always} nothing; replicas are asynchronous). While
 *       Redis is unreachable, appends fail at once ({@link RedisTransportException}), as do appends
 *       beyond {@link RedisOptions#maxPendingCommands()}; one Redis does not answer within
 *       {@link RedisOptions#commandTimeout()} fails too. A failed append is not delivered, with one
 *       exception no network client can rule out: when Redis ran the script but its answer was lost
 *       (a timeout, or the connection dropped in between), the update is delivered although its
 *       publisher was told it failed.</li>
 *   <li><b>Idempotency keys</b> ({@link IdempotentAppend}) are checked and remembered by the append's
 *       own script, so two attempts with the same key, on any nodes, never both store the update. The
 *       keys live in Redis ({@code <prefix>:idempotency}, a hash, and {@code <prefix>:idempotency-times},
 *       a sorted set by time), bounded by {@link RedisOptions#idempotency()}, the window measured by
 *       Redis's clock.</li>
 *   <li><b>Delivery.</b> Each node reads the stream on a connection of its own ({@code XREAD BLOCK}) and
 *       hands each batch (at most {@link RedisOptions#batchSize()}) to the listener on its reader
 *       thread, in position order, once; its own appends arrive the same way, so the order is the
 *       same on every node. Delivery follows the acknowledgement by about one round trip. What the
 *       stream held when {@link #start} was called is history, not live. When Redis is unreachable the
 *       reader retries with a growing delay (up to 2 s) and then goes on after the last update it
 *       delivered, so nothing retained is skipped. A reader that falls more than
 *       {@link RedisOptions#maxReaderLag()} entries behind loses the oldest ones (logged).</li>
 *   <li><b>Readiness</b> ({@link #deliveryHealth}): this node does not deliver while a connection is
 *       down, while the reader's latest round trip failed, or while its loop has not come back for
 *       longer than any healthy wait ({@link StreamReader#stallLimit}: a listener that does not return,
 *       a loop that ended). Its lag is measured against the stream's end, which each node asks Redis
 *       for once a second ({@code head.lua}, on the command connection), so a reader that stopped while
 *       other nodes publish shows a growing lag even though Redis answers everything else.</li>
 *   <li><b>History</b> is the newest {@link RedisOptions#historySize()} positions. The stream keeps
 *       {@link RedisOptions#maxReaderLag()} entries more, for readers that fell behind, and is trimmed
 *       with {@code MAXLEN ~}, which may keep a few more still; reads apply the exact window. A
 *       resume finds the id's earliest retained position in the index, then reads the range after it
 *       in pages ({@code XRANGE ... COUNT}), one page at a time as the subscriber drains them; a page
 *       whose start left the window meanwhile fails as overtaken. The {@link HistoryPage#head()} is
 *       the newest position when the read began: an update at or before it is in this history
 *       (unless outside the window) and may also arrive live, where the seam drops it; an update
 *       after it arrives live. A live update the reader delivered before the read
 *       is in the stream, so it is at or before the head and covered by the history.</li>
 *   <li><b>A Redis that lost its data</b> (a restart without persistence, a flush) would start the
 *       positions again at 1, and every node would ignore what comes after: positions it has already
 *       delivered. Instead, each append carries the highest position its node has seen, and each
 *       reader, after reconnecting, sets the counter forward to what it delivered, and logs an error.
 *       Positions keep increasing; the history is gone, so resuming subscribers get {@code earliest}.
 *       One gap remains: a node that had seen nothing (just started) and appends before any reader
 *       repaired the counter gets low positions, which nodes that had delivered further skip (logged).
 *       Updates acknowledged but not yet read when Redis lost them are not delivered anywhere.</li>
 *   <li><b>Connections</b>: the Redis must answer when the transport is created; after that, Lettuce
 *       reconnects by itself, and with a {@code redis-sentinel://} URI asks the Sentinels for the new
 *       master after a failover. With a {@code redis-cluster://} URI the transport uses Lettuce's cluster
 *       client: the hub's keys share one hash slot (the prefix is a hash tag, see
 *       {@link RedisOptions#keyPrefix()}), so each script and read goes to the one master that serves
 *       it; redirections ({@code MOVED}, {@code ASK}) are followed, and the topology is refreshed every
 *       10 s and at once when a node keeps refusing connections or a slot moves, which is how a replica
 *       promoted by a failover is found. Meanwhile appends fail (503) as they do while a single Redis is
 *       down. Replication is asynchronous in both: an update acknowledged by a master that dies before
 *       its replica received it is lost, as with a Redis restarted without persistence.</li>
 *   <li><b>Live-only updates</b> ({@link LiveBroadcast}) go over Redis pub/sub on {@code <prefix>:live}
 *       ({@link LiveChannel}), published on a connection of their own and received on another that
 *       only listens: Redis keeps nothing of them, they take no room in the stream, its retention or
 *       the appends' pipeline (a flood of them fails them, at most
 *       {@link RedisOptions#maxPendingCommands()} waiting, never appends), and a node that is
 *       disconnected when one is published misses it.</li>
 *   <li><b>Close</b> refuses new appends, waits (at most the command timeout) for Redis to answer those
 *       sent, stops the reader and closes the connections; repeating it does nothing.</li>
 * </ul>
 */
public final class RedisTransport implements Transport, LiveBroadcast, IdempotentAppend, TransportHealth, ReaderStats {

    private static final Logger log = LoggerFactory.getLogger(RedisTransport.class);
    /** Lettuce's default grows to 30 s: far too long for a hub whose subscribers wait for it. */
    private static final Delay RECONNECT_DELAY = Delay.exponential(Duration.ofMillis(50), Duration.ofSeconds(2), 2,
            TimeUnit.MILLISECONDS);
    /** How long a Lettuce shutdown may take: its threads have nothing left to do by then. */
    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(2);

    private final RedisOptions options;
    private final String redis;
    private final ClientResources resources;
    private final RedisConnections connections;
    private final ScheduledThreadPoolExecutor readerThread;
    private final AtomicReference<Thread> readerThreadItself = new AtomicReference<>();
    private final Appender appender;
    private final HistoryReader history;
    private final StreamReader reader;
    private final Floor floor = new Floor();
    private final ReaderLag readerLag = new ReaderLag();
    private final StreamHeadPoll headPoll;
    private final LiveChannel live;
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();

    private RedisTransport(RedisOptions options, ClientResources resources, RedisConnections connections) {
        this.options = options;
        this.redis = options.address().toString();
        this.resources = resources;
        this.connections = connections;
        Keys keys = options.keys();
        this.readerThread = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "herald-redis-reader");
            thread.setDaemon(true);
            readerThreadItself.set(thread);
            return thread;
        });
        readerThread.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.appender = new Appender(connections.commands().async(), keys, options.historySize(), options.maxReaderLag(),
                floor, redis, options.commandTimeout(), options.idempotency());
        this.history = new HistoryReader(connections.commands().async(), keys, options.historySize(), redis);
        // The reader's connection times a command out after this (see RedisConnections).
        Duration roundTripLimit = options.blockTimeout().plus(options.commandTimeout());
        this.reader = new StreamReader(connections.reader().async(), keys, options.blockTimeout(), roundTripLimit,
                options.batchSize(), floor, readerLag, redis, readerThread);
        this.headPoll = new StreamHeadPoll(connections.commands().async(), keys, floor, readerLag);
        this.live = new LiveChannel(connections.livePublisher().async(), connections.live(), keys, redis);
    }

    /**
     * Connects to Redis (four connections: one for appends and reads, one for the blocking stream reader,
     * one to publish live-only updates and one subscribed to their channel;
     * on a cluster, each of them to every node it needs), ready to {@link #start}.
     *
     * @throws RedisTransportException when Redis (or no seed node of a cluster) accepts a connection
     *     within the command timeout
     */
    public static RedisTransport connect(RedisOptions options) {
        Objects.requireNonNull(options, "options");
        RedisAddress address = options.address();
        ClientResources resources = DefaultClientResources.builder()
                .ioThreadPoolSize(2) // appends and the stream reader, the busy connections (the live ones are light)
                .computationThreadPoolSize(2) // timeouts, events and topology refreshes; Lettuce's minimum
                .reconnectDelay(RECONNECT_DELAY)
                .build();
        RedisConnections connections;
        try {
            connections = RedisConnections.open(address, options, resources);
        } catch (RedisException e) {
            shutdown(resources);
            throw new RedisTransportException("cannot connect to Redis at " + address + ": " + e.getMessage(), e);
        }
        RedisTransport transport = new RedisTransport(options, resources, connections);
        connections.client().addListener(new RedisConnectionStateListener() {
            @Override
            public void onRedisConnected(RedisChannelHandler<?, ?> connection, SocketAddress address) {
                transport.reader.connectionReestablished();
            }
        });
        return transport;
    }

    /**
     * Starts the reader and waits, at most the command timeout, until it knows where the stream ends:
     * appends are refused until then, since the reader could otherwise miss them. If Redis does not
     * answer in time, this returns anyway (and logs it); appends fail until the reader got its answer.
     */
    @Override
    public void start(UpdateListener listener) {
        Objects.requireNonNull(listener, "listener");
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("the Redis transport was already started");
        }
        reader.start(listener);
        try {
            reader.positioned().get(options.commandTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            log.warn("Redis at {} did not answer within {}: appends fail until it does", redis,
                    options.commandTimeout());
        }
        headPoll.start(resources.eventExecutorGroup());
    }

    /**
     * Subscribes to the live channel and waits, at most the command timeout, for Redis to confirm: a
     * broadcast before that would not reach this node. If Redis does not answer in time, this returns
     * anyway (and logs it).
     */
    @Override
    public void startLive(LiveListener listener) {
        Objects.requireNonNull(listener, "listener");
        try {
            live.start(listener).get(options.commandTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            log.warn("Redis at {} did not confirm the live channel's subscription within {}: live-only updates may "
                    + "not reach this node", redis, options.commandTimeout());
        }
    }

    /** Publishes on the live channel; see the class comment. */
    @Override
    public CompletableFuture<Void> broadcast(Update update) {
        Objects.requireNonNull(update, "update");
        if (update.id() == null) {
            throw new IllegalArgumentException("a live-only update must carry its id");
        }
        if (closed.get()) {
            return CompletableFuture.failedFuture(new RedisTransportException("the Redis transport is closed"));
        }
        return live.publish(update);
    }

    /** See the class comment for when the future completes and what a failure means. */
    @Override
    public CompletableFuture<StoredUpdate> append(Update update) {
        Objects.requireNonNull(update, "update");
        if (closed.get()) {
            return CompletableFuture.failedFuture(new RedisTransportException("the Redis transport is closed"));
        }
        if (!reader.positioned().isDone()) {
            return CompletableFuture.failedFuture(new RedisTransportException("cannot append to Redis at " + redis
                    + ": the stream reader has not reached it yet" + (started.get() ? "" : " (not started)")));
        }
        return appender.append(update);
    }

    /** Like {@link #append}: the key is checked and remembered in the append's own script, on every node. */
    @Override
    public CompletableFuture<Appended> appendOnce(Update update, IdempotencyKey key, String fingerprint) {
        Objects.requireNonNull(update, "update");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(fingerprint, "fingerprint");
        if (closed.get()) {
            return CompletableFuture.failedFuture(new RedisTransportException("the Redis transport is closed"));
        }
        if (!reader.positioned().isDone()) {
            return CompletableFuture.failedFuture(new RedisTransportException("cannot append to Redis at " + redis
                    + ": the stream reader has not reached it yet" + (started.get() ? "" : " (not started)")));
        }
        return appender.appendOnce(update, key, fingerprint);
    }

    /** Reads the first page of retained history; see the class comment for the seam guarantee. */
    @Override
    public CompletableFuture<HistoryPage> readAfter(LastEventId lastEventId, PageRequest request) {
        Objects.requireNonNull(lastEventId, "lastEventId");
        Objects.requireNonNull(request, "request");
        if (closed.get()) {
            return CompletableFuture.failedFuture(new RedisTransportException("the Redis transport is closed"));
        }
        return history.readAfter(lastEventId, request);
    }

    /** Reads the page after {@code previous} with one script run ({@code XRANGE ... COUNT}). */
    @Override
    public CompletableFuture<HistoryPage> readNext(HistoryPage previous, PageRequest request) {
        HistoryPage.requireFollowable(previous);
        Objects.requireNonNull(request, "request");
        if (closed.get()) {
            return CompletableFuture.failedFuture(new RedisTransportException("the Redis transport is closed"));
        }
        return history.readNext(previous, request);
    }

    /**
     * Delivering while every connection is up, the stream reader's latest round trip to Redis succeeded
     * and its loop keeps coming back: not at once when a connection drops, within block timeout +
     * command timeout when Redis stalls, within {@link StreamReader#stallLimit} when the reader is stuck,
     * before the reader found the end of the stream, and after close. The lag is the age of the oldest
     * update on the stream (as of the latest poll, or appended here) that the reader has not delivered.
     */
    @Override
    public DeliveryHealth deliveryHealth() {
        long now = System.nanoTime();
        Duration lag = readerLag.lag(now);
        if (closed.get()) {
            return DeliveryHealth.notDelivering("the Redis transport is closed", lag);
        }
        Optional<String> problem = reader.problem(now);
        if (problem.isEmpty() && !connections.isOpen()) {
            problem = Optional.of("a connection to Redis is down");
        }
        return problem.map(reason -> DeliveryHealth.notDelivering(reason, lag))
                .orElseGet(() -> DeliveryHealth.delivering(lag));
    }

    /** Positions on the stream (as of the latest poll) or appended here that the reader has not delivered yet. */
    @Override
    public long readerLag() {
        return readerLag.updates(floor.get());
    }

    /** Times the stream reader started over after a failed read or a reconnect. */
    @Override
    public long readerRecoveries() {
        return reader.recoveries();
    }

    /**
     * Refuses appends, waits for answers to those sent, stops delivery and closes the connections. Called
     * from the listener (the reader thread), it does not wait for the reader to finish and leaves the
     * rest of the shutdown to a thread of its own. Do not call it from a completion stage of
     * {@link #append} without {@code *Async}: it would wait for the I/O thread it runs on.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        headPoll.stop();
        appender.stop();
        reader.stop();
        readerThread.shutdown();
        connections.closeConnections();
        if (Thread.currentThread() == readerThreadItself.get()) {
            new Thread(() -> shutdown(connections.client(), resources), "herald-redis-close").start();
            return;
        }
        try {
            if (!readerThread.awaitTermination(options.commandTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("The update listener did not return within {} of closing", options.commandTimeout());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        shutdown(connections.client(), resources);
    }

    private static void shutdown(AbstractRedisClient client, ClientResources resources) {
        try {
            client.shutdown(Duration.ZERO, SHUTDOWN_TIMEOUT);
        } finally {
            shutdown(resources);
        }
    }

    private static void shutdown(ClientResources resources) {
        resources.shutdown(0, SHUTDOWN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .awaitUninterruptibly(SHUTDOWN_TIMEOUT.toMillis());
    }
}
