package dev.herald.server.metrics;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.server.stream.TopicCount;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * One point of the dashboard: reads Herald's meters (the same ones {@code /metrics} exports, by name)
 * and the JVM's, and turns their running totals into rates over the time since the previous point.
 * Dispatch latency percentiles come from the difference of the latency histogram's cumulative buckets
 * between two points, so they describe the last interval, not the process's life. A part the hub does
 * not have (the store's commits on Redis, Redis's reader on the store) is left out of the point.
 *
 * <p>Not thread-safe: one timer calls {@link #baseline} and then {@link #sample}, one call at a time.
 */
public final class StatsSampler {

    /** Rows of each top list: what fits beside a chart. */
    public static final int TOP = 10;
    private static final double NANOS_PER_SECOND = 1e9;
    private static final double BYTES_PER_MIB = 1024.0 * 1024.0;

    private final MeterRegistry registry;
    private final TopicRates rates;
    private final IntFunction<CompletableFuture<List<TopicCount>>> topBySubscribers;
    private Totals previous;
    /** The latency histogram's upper bounds, in milliseconds, as of the latest reading. */
    private double[] bucketBoundsMs = new double[0];

    public StatsSampler(HeraldMetrics metrics, TopicRates rates,
            IntFunction<CompletableFuture<List<TopicCount>>> topBySubscribers) {
        this.registry = metrics.registry();
        this.rates = rates;
        this.topBySubscribers = topBySubscribers;
    }

    /** Running totals at one moment. */
    private record Totals(long nanos, Map<String, Double> counters, double[] latencyBuckets, double latencyCount) {
    }

    /** Where the next point's rates start: called when the first dashboard connects. */
    public void baseline() {
        previous = totals();
        rates.takeTop(TOP);
    }

    /** The point for the time since the previous one (or since {@link #baseline}). */
    public CompletableFuture<ObjectNode> sample() {
        Totals now = totals();
        Totals before = previous == null ? now : previous;
        previous = now;
        double seconds = Math.max(1e-3, (now.nanos() - before.nanos()) / NANOS_PER_SECOND);
        ObjectNode point = JsonNodeFactory.instance.objectNode();
        point.put("time", System.currentTimeMillis());
        ObjectNode connections = point.putObject("connections");
        connections.put("http1", gauge("herald_connections", "protocol", "http/1.1"));
        connections.put("h2", gauge("herald_connections", "protocol", "h2"));
        point.put("subscribers", gauge("herald_subscribers", null, null));
        point.put("publishedTotal", now.counters().getOrDefault("published", 0.0).longValue());
        point.put("publishedPerSecond", rate(now, before, "published", seconds));
        point.put("deliveredPerSecond", rate(now, before, "delivered", seconds));
        ObjectNode latency = point.putObject("latencyMs");
        latency.put("p50", percentile(now, before, 0.50));
        latency.put("p99", percentile(now, before, 0.99));
        ObjectNode disconnects = point.putObject("disconnectsPerSecond");
        now.counters().keySet().stream().filter(key -> key.startsWith("disconnect.")).sorted()
                .forEach(key -> disconnects.put(key.substring("disconnect.".length()), rate(now, before, key, seconds)));
        if (now.counters().containsKey("commits")) {
            ObjectNode store = point.putObject("store");
            double commits = now.counters().get("commits") - before.counters().get("commits");
            store.put("commitsPerSecond", commits / seconds);
            store.put("commitMs", commits == 0 ? 0 : (now.counters().get("commitMs") - before.counters().get("commitMs")) / commits);
            store.put("updatesPerCommit", commits == 0 ? 0
                    : (now.counters().get("committed") - before.counters().get("committed")) / commits);
        }
        if (now.counters().containsKey("recoveries")) {
            ObjectNode redis = point.putObject("redis");
            redis.put("lag", gauge("herald_redis_reader_lag", null, null));
            redis.put("recoveries", now.counters().get("recoveries") - before.counters().get("recoveries"));
        }
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        ObjectNode memory = point.putObject("heap");
        memory.put("usedMiB", heap.getUsed() / BYTES_PER_MIB);
        memory.put("committedMiB", heap.getCommitted() / BYTES_PER_MIB);
        ObjectNode gc = point.putObject("gc");
        gc.put("msPerSecond", rate(now, before, "gcMs", seconds));
        gc.put("collectionsPerSecond", rate(now, before, "gcCount", seconds));
        point.putArray("topByRate").addAll(rows(rates.takeTop(TOP), seconds));
        return topBySubscribers.apply(TOP).thenApply(top -> {
            point.putArray("topBySubscribers").addAll(rows(top, 1));
            return point;
        });
    }

    private Totals totals() {
        Map<String, Double> counters = new HashMap<>();
        Counter published = registry.find("herald_updates_published").counter();
        counters.put("published", published == null ? 0 : published.count());
        FunctionCounter delivered = registry.find("herald_updates_delivered").functionCounter();
        counters.put("delivered", delivered == null ? 0 : delivered.count());
        for (Counter disconnect : registry.find("herald_disconnects").counters()) {
            counters.put("disconnect." + disconnect.getId().getTag("reason"), disconnect.count());
        }
        FunctionTimer commits = registry.find("herald_store_commit").functionTimer();
        FunctionCounter committed = registry.find("herald_store_committed_updates").functionCounter();
        if (commits != null && committed != null) {
            counters.put("commits", commits.count());
            counters.put("commitMs", commits.totalTime(TimeUnit.MILLISECONDS));
            counters.put("committed", committed.count());
        }
        FunctionCounter recoveries = registry.find("herald_redis_reader_recoveries").functionCounter();
        if (recoveries != null) {
            counters.put("recoveries", recoveries.count());
        }
        double gcMs = 0;
        double gcCount = 0;
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            gcMs += Math.max(0, collector.getCollectionTime());
            gcCount += Math.max(0, collector.getCollectionCount());
        }
        counters.put("gcMs", gcMs);
        counters.put("gcCount", gcCount);
        Timer latency = registry.find("herald_dispatch_latency").timer();
        if (latency == null) {
            return new Totals(System.nanoTime(), counters, new double[0], 0);
        }
        CountAtBucket[] buckets = latency.takeSnapshot().histogramCounts();
        double[] cumulative = new double[buckets.length];
        for (int i = 0; i < buckets.length; i++) {
            cumulative[i] = buckets[i].count();
        }
        bucketBoundsMs = new double[buckets.length];
        for (int i = 0; i < buckets.length; i++) {
            bucketBoundsMs[i] = buckets[i].bucket(TimeUnit.MILLISECONDS);
        }
        return new Totals(System.nanoTime(), counters, cumulative, latency.count());
    }

    /**
     * The smallest bucket bound under which a fraction {@code q} of the interval's dispatches fell: an
     * upper estimate, as precise as the histogram's buckets (Micrometer's, about 10 % apart). Null when
     * nothing was dispatched in the interval.
     */
    private Double percentile(Totals now, Totals before, double q) {
        double count = now.latencyCount() - before.latencyCount();
        if (count <= 0 || now.latencyBuckets().length != before.latencyBuckets().length) {
            return null;
        }
        double wanted = q * count;
        for (int i = 0; i < now.latencyBuckets().length; i++) {
            if (now.latencyBuckets()[i] - before.latencyBuckets()[i] >= wanted) {
                return bucketBoundsMs[i];
            }
        }
        return bucketBoundsMs.length == 0 ? null : bucketBoundsMs[bucketBoundsMs.length - 1];
    }

    private static double rate(Totals now, Totals before, String key, double seconds) {
        return Math.max(0, now.counters().getOrDefault(key, 0.0) - before.counters().getOrDefault(key, 0.0)) / seconds;
    }

    private double gauge(String name, String tag, String value) {
        Gauge gauge = tag == null ? registry.find(name).gauge() : registry.find(name).tag(tag, value).gauge();
        return gauge == null ? 0 : gauge.value();
    }

    private static List<ObjectNode> rows(List<TopicCount> counts, double seconds) {
        return counts.stream().map(row -> JsonNodeFactory.instance.objectNode()
                .put("topic", row.topic()).put("value", row.count() / seconds)).toList();
    }
}
