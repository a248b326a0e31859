package dev.herald.bench;

import dev.herald.bench.internal.WorkerResult;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Every figure of one run: printed as a table and as one JSON line. Times are in microseconds unless
 * named otherwise; counts are over the whole run.
 *
 * @param scenario the scenario's name
 * @param date when the run started (ISO-8601, UTC)
 * @param revision {@code git rev-parse --short HEAD} of the tool's checkout, or null
 * @param parameters the options that shaped the run
 * @param measuredSeconds wall time of the measured phase: from every subscriber connected to the
 *     deliveries drained (warm-up included); CPU shares are over this time
 * @param subscribers who connected
 * @param publishing what was published
 * @param deliveries what arrived
 * @param latency publish-to-receive latency (from the stamp in the payload), after the warm-up
 * @param ackLatency publish request to answer, after the warm-up
 * @param server the hub's memory and CPU, or null without {@code --server-pid}
 * @param tool the tool's own cost
 * @param attack what the hostile connections got, or null when the run opened none
 */
public record Report(
        String scenario,
        String date,
        String revision,
        Map<String, Object> parameters,
        double measuredSeconds,
        Subscribers subscribers,
        Publishing publishing,
        Deliveries deliveries,
        Latency latency,
        Latency ackLatency,
        Server server,
        Tool tool,
        AttackFigures attack) {

    /**
     * @param requested subscribers asked for
     * @param connected streams the hub opened
     * @param failed subscriptions that never opened
     * @param closedByServer open streams the hub closed before the run ended
     * @param failures why subscriptions failed, with counts
     */
    public record Subscribers(int requested, int connected, int failed, int closedByServer, Map<String, Long> failures) {
    }

    /**
     * @param sent publish requests sent
     * @param acknowledged answered 2xx
     * @param errors answered otherwise or lost with their connection
     * @param unanswered still without an answer when the tool stopped waiting
     * @param late open loop: sent more than 1 ms after schedule (all connections busy)
     * @param acknowledgedPerSecond acknowledged after the warm-up, over the time after the warm-up
     * @param failures error reasons with counts
     */
    public record Publishing(long sent, long acknowledged, long errors, long unanswered, long late,
            double acknowledgedPerSecond, Map<String, Long> failures) {
    }

    /**
     * @param expected acknowledged publishes times the open subscribers of their topic
     * @param delivered distinct deliveries (duplicates not counted)
     * @param lost expected minus delivered (never negative)
     * @param gaps sequence numbers a subscriber skipped (below the highest it received) and never got
     * @param duplicates deliveries of a number already received
     * @param reordered deliveries that arrived after a higher number of the same topic
     * @param tooOld deliveries too far out of order to classify
     * @param unstamped events without the tool's stamp (someone else publishing on the topic)
     * @param perSecond delivered over the publishing time (warm-up included, as the deliveries are)
     */
    public record Deliveries(long expected, long delivered, long lost, long gaps, long duplicates, long reordered,
            long tooOld, long unstamped, double perSecond) {

        /** Every worker's deliveries summed, delivered over {@code seconds} (0: no rate). */
        static Deliveries sum(List<WorkerResult> results, double seconds) {
            long expected = 0;
            long unique = 0;
            long gaps = 0;
            long duplicates = 0;
            long reordered = 0;
            long tooOld = 0;
            long unstamped = 0;
            for (WorkerResult result : results) {
                expected += result.expected();
                unique += result.unique();
                gaps += result.gaps();
                duplicates += result.duplicates();
                reordered += result.reordered();
                tooOld += result.tooOld();
                unstamped += result.unstamped() + result.unexpectedTopic();
            }
            double perSecond = seconds > 0 ? Math.round(unique / seconds * 100) / 100.0 : 0;
            return new Deliveries(expected, unique, Math.max(0, expected - unique), gaps, duplicates, reordered, tooOld,
                    unstamped, perSecond);
        }
    }

    /** Percentiles of a latency histogram, in microseconds; all 0 when nothing was recorded. */
    public record Latency(long count, long p50, long p90, long p99, long p999, long max) {
        public static Latency of(Histogram histogram) {
            if (histogram.getTotalCount() == 0) {
                return new Latency(0, 0, 0, 0, 0, 0);
            }
            return new Latency(histogram.getTotalCount(), histogram.getValueAtPercentile(50),
                    histogram.getValueAtPercentile(90), histogram.getValueAtPercentile(99),
                    histogram.getValueAtPercentile(99.9), histogram.getMaxValue());
        }
    }

    /**
     * @param pid the hub's process id
     * @param rssBeforeKb resident memory before the subscribers connected
     * @param rssAfterKb resident memory with the subscribers connected, after the run
     * @param rssPerConnectionKb (after - before) / connected; null without connections
     * @param cpuMicros CPU the hub used in the measured phase (idle: while connected), at 10 ms resolution
     * @param cpuShare {@code cpuMicros} over the phase's wall time: 1.0 is one core busy throughout
     * @param cpuMicrosPerDelivery {@code cpuMicros / delivered}; null without deliveries
     * @param rssPeakKb the highest resident memory sampled (every 100 ms) in the measured phase
     * @param cpuMicrosPerPublish {@code cpuMicros / acknowledged publishes}; null without publishes
     * @param cpuMicrosPerPublishAfterWarmup the hub's CPU from the end of the warm-up to the end of the
     *     run over the publishes sent after the warm-up: without the JIT compiler's work and the slow
     *     first seconds of a fresh JVM, which the figure above includes (on one core, half of a 15 s
     *     run's CPU); null without publishes after the warm-up or when the warm-up is not over
     * @param liveHeapBeforeBytes live heap after a full collection before the attack (or the run), with
     *     {@code --live-heap}; null otherwise
     * @param liveHeapAfterBytes the same after the run, every connection still open
     */
    public record Server(long pid, long rssBeforeKb, long rssAfterKb, Double rssPerConnectionKb, long cpuMicros,
            Double cpuShare, Double cpuMicrosPerDelivery, Long rssPeakKb, Double cpuMicrosPerPublish,
            Double cpuMicrosPerPublishAfterWarmup, Long liveHeapBeforeBytes, Long liveHeapAfterBytes) {
    }

    /**
     * @param connections what the non-readers and template streams were answered, and how many the hub closed
     * @param rssBeforeKb the hub's resident memory just before the attack opened, or null without {@code --server-pid}
     * @param liveHeapPerTemplateStreamBytes (live heap after - before) / template streams answered 200, with
     *     {@code --live-heap}; null otherwise
     */
    public record AttackFigures(dev.herald.bench.internal.Attack.AttackResult connections, Long rssBeforeKb,
            Double liveHeapPerTemplateStreamBytes) {
    }

    /**
     * @param workers worker processes (1 when in-process)
     * @param cpuMillis CPU time of the coordinator and every worker, over the whole run (JVM start-up,
     *     connecting and closing included)
     * @param phaseCpuMillis the same in the measured phase only
     * @param cpuShare {@code phaseCpuMillis} over the phase's wall time: near the cores the tool was
     *     given, the tool, not the hub, may be what limited the figures
     * @param cpuMicrosPerDelivery {@code phaseCpuMillis} per delivery; null without deliveries
     */
    public record Tool(int workers, long cpuMillis, long phaseCpuMillis, Double cpuShare, Double cpuMicrosPerDelivery) {
    }
}
