package dev.herald.server.metrics;

import dev.herald.core.CommitStats;
import dev.herald.core.ReaderStats;
import dev.herald.core.StoredUpdate;
import dev.herald.core.UpdateListener;
import dev.herald.server.http.ConnectionMetrics;
import dev.herald.server.stream.CloseReason;
import dev.herald.server.stream.StreamMetrics;
import dev.herald.server.stream.StreamRefusal;
import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;

/**
 * Herald's metrics, served at {@code /metrics} in the Prometheus text format: connections, streams,
 * updates published and delivered, disconnects by reason, the publish-to-write latency, and the JVM.
 * Hot-path calls touch only counters and one timer per update and event loop.
 */
public final class HeraldMetrics implements StreamMetrics, ConnectionMetrics, UpdateListener {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final AtomicInteger http1Connections = new AtomicInteger();
    private final AtomicInteger http2Connections = new AtomicInteger();
    /** Which gauge counts a connection: HTTP/1.1 until it speaks HTTP/2. */
    private static final AttributeKey<AtomicInteger> COUNTED_AS = AttributeKey.valueOf("herald.countedAs");
    private final AtomicInteger streams = new AtomicInteger();
    private final Counter published;
    private final Map<CloseReason, Counter> disconnects = new EnumMap<>(CloseReason.class);
    private final Timer dispatchLatency;
    private final Map<Refusal, Counter> refusals = new EnumMap<>(Refusal.class);
    private final Map<StreamRefusal, Counter> streamRefusals = new EnumMap<>(StreamRefusal.class);
    private final Map<Timeout, Counter> timeouts = new EnumMap<>(Timeout.class);
    /** Micrometer holds function meters' sources weakly: these keep the suppliers alive with the registry. */
    private final List<Object> sources = new java.util.concurrent.CopyOnWriteArrayList<>();

    public HeraldMetrics() {
        Gauge.builder("herald_connections", http1Connections, AtomicInteger::get)
                .description("Open client connections").tag("protocol", "http/1.1").register(registry);
        Gauge.builder("herald_connections", http2Connections, AtomicInteger::get)
                .description("Open client connections").tag("protocol", "h2").register(registry);
        Gauge.builder("herald_subscribers", streams, AtomicInteger::get)
                .description("Open SSE streams").register(registry);
        published = Counter.builder("herald_updates_published").description("Updates accepted by the hub")
                .register(registry);
        for (CloseReason reason : CloseReason.values()) {
            disconnects.put(reason, Counter.builder("herald_disconnects")
                    .description("Streams ended, by reason").tag("reason", reason.name().toLowerCase())
                    .register(registry));
        }
        for (Refusal refusal : Refusal.values()) {
            refusals.put(refusal, Counter.builder("herald_connections_refused")
                    .description("Connections closed at accept, by the limit they hit")
                    .tag("reason", refusal.name().toLowerCase()).register(registry));
        }
        for (StreamRefusal refusal : StreamRefusal.values()) {
            streamRefusals.put(refusal, Counter.builder("herald_streams_refused")
                    .description("Subscriptions refused by a limit before their stream opened, by the limit")
                    .tag("reason", refusal.name().toLowerCase()).register(registry));
        }
        for (Timeout timeout : Timeout.values()) {
            timeouts.put(timeout, Counter.builder("herald_timeouts")
                    .description("Requests or connections ended by a deadline: header, body, idle")
                    .tag("kind", timeout.name().toLowerCase()).register(registry));
        }
        dispatchLatency = Timer.builder("herald_dispatch_latency")
                .description("From an update's acceptance to its write on every matching stream of one event loop")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(10))
                .register(registry);
        List.of(new JvmMemoryMetrics(), new JvmGcMetrics(), new JvmThreadMetrics(), new ClassLoaderMetrics(),
                new ProcessorMetrics(), new UptimeMetrics(), new FileDescriptorMetrics())
                .forEach(binder -> binder.bindTo(registry));
    }

    /** Counts deliveries from the dispatcher's own counter, read at scrape time. */
    public void deliveriesFrom(LongSupplier deliveries) {
        sources.add(deliveries);
        FunctionCounter.builder("herald_updates_delivered", deliveries, LongSupplier::getAsLong)
                .description("Updates written to streams, replays included").register(registry);
    }

    /**
     * Reports a durable transport's group commits, read at scrape time: {@code herald_store_commit_seconds}
     * (count and sum: commits/s and the mean time of one, fsync included) and
     * {@code herald_store_committed_updates} (over the commit count: updates per commit).
     */
    public void commitsFrom(CommitStats stats) {
        FunctionTimer.builder("herald_store_commit", stats, CommitStats::commits, CommitStats::commitNanos,
                TimeUnit.NANOSECONDS).description("Group commits of the durable store, and the time they took")
                .register(registry);
        FunctionCounter.builder("herald_store_committed_updates", stats, CommitStats::committedUpdates)
                .description("Updates in the durable store's group commits").register(registry);
    }

    /**
     * Reports a shared-log transport's reader, read at scrape time: {@code herald_redis_reader_lag}
     * (updates known to exist and not yet delivered on this node) and
     * {@code herald_redis_reader_recoveries} (times the reader started over after a failure or a
     * reconnect).
     */
    public void readerFrom(ReaderStats stats) {
        Gauge.builder("herald_redis_reader_lag", stats, ReaderStats::readerLag)
                .description("Updates this node knows of that its Redis stream reader has not delivered yet")
                .register(registry);
        FunctionCounter.builder("herald_redis_reader_recoveries", stats, ReaderStats::readerRecoveries)
                .description("Times the Redis stream reader started over after a failed read or a reconnect")
                .register(registry);
    }

    /**
     * Reports readiness and the delivery lag behind it, read at scrape time: {@code herald_ready} (1 while
     * {@code /readyz} answers 200) and {@code herald_reader_lag_seconds} (how long the oldest update not yet
     * delivered on this node has waited: the Redis stream reader's, the store writer's; 0 in memory).
     */
    public void readinessFrom(BooleanSupplier ready, DoubleSupplier lagSeconds) {
        sources.add(ready);
        sources.add(lagSeconds);
        Gauge.builder("herald_ready", ready, supplier -> supplier.getAsBoolean() ? 1 : 0)
                .description("1 while /readyz answers 200: not shutting down, delivering, lag within --max-delivery-lag")
                .register(registry);
        Gauge.builder("herald_reader_lag_seconds", lagSeconds, DoubleSupplier::getAsDouble)
                .description("How long the oldest update not yet delivered on this node has waited")
                .register(registry);
    }

    /** Reports the replays running and the resuming subscribers waiting for a slot, read at scrape time. */
    public void replaysFrom(LongSupplier running, LongSupplier waiting) {
        sources.add(running);
        sources.add(waiting);
        Gauge.builder("herald_replays_running", running, LongSupplier::getAsLong)
                .description("History replays running (resuming subscribers), at most --max-replays").register(registry);
        Gauge.builder("herald_replays_waiting", waiting, LongSupplier::getAsLong)
                .description("Resuming subscribers waiting for a replay slot, at most --max-replays-waiting")
                .register(registry);
    }

    /** Reports a gauge of subscriptions per selector kind, read at scrape time. */
    public void subscriptionsFrom(String kind, LongSupplier count) {
        sources.add(count);
        Gauge.builder("herald_subscriptions", count, supplier -> supplier.getAsLong())
                .description("Topic selectors of open streams, by kind").tag("kind", kind).register(registry);
    }

    /** A new connection, counted as HTTP/1.1 until {@link #connectionUpgraded}; uncounted when it closes. */
    public void connectionOpened(Channel channel) {
        channel.attr(COUNTED_AS).set(http1Connections);
        http1Connections.incrementAndGet();
        channel.closeFuture().addListener(closed -> channel.attr(COUNTED_AS).get().decrementAndGet());
    }

    /** The connection now speaks HTTP/2 (ALPN, prior knowledge or h2c upgrade). Runs on its loop. */
    public void connectionUpgraded(Channel channel) {
        AtomicInteger previous = channel.attr(COUNTED_AS).getAndSet(http2Connections);
        if (previous != http2Connections) {
            previous.decrementAndGet();
            http2Connections.incrementAndGet();
        }
    }

    @Override
    public void connectionRefused(Refusal refusal) {
        refusals.get(refusal).increment();
    }

    @Override
    public void timedOut(Timeout timeout) {
        timeouts.get(timeout).increment();
    }

    @Override
    public void streamOpened() {
        streams.incrementAndGet();
    }

    @Override
    public void streamClosed(CloseReason reason) {
        streams.decrementAndGet();
        disconnects.get(reason).increment();
    }

    @Override
    public void streamRefused(StreamRefusal refusal) {
        streamRefusals.get(refusal).increment();
    }

    @Override
    public void dispatched(long nanosSinceAccepted) {
        dispatchLatency.record(nanosSinceAccepted, TimeUnit.NANOSECONDS);
    }

    @Override
    public void onUpdates(List<StoredUpdate> updates) {
        published.increment(updates.size());
    }

    /** The meters themselves, for the dashboard's sampler (same package): it reads them by name. */
    MeterRegistry registry() {
        return registry;
    }

    /** The Prometheus text exposition of every metric. */
    public String scrape() {
        return registry.scrape();
    }
}
