package dev.herald.bench.internal;

import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * What the publisher did.
 *
 * @param sent requests sent
 * @param acked requests answered 2xx
 * @param measuredAcked of those, the ones sent after the warm-up
 * @param errors requests answered otherwise, or lost with their connection
 * @param failures error reasons with their counts
 * @param unanswered requests still waiting for an answer when the publisher gave up
 * @param ackedPerTopic acknowledged publishes per topic index
 * @param lateSends open loop: publishes sent more than 1 ms after their scheduled time (no connection
 *     was free); their latency still counts from the scheduled time
 * @param elapsedNanos from the first send to the last answer
 * @param measuredNanos from the first send after the warm-up to the last answer
 * @param ackLatency request-to-answer latency in µs of the publishes after the warm-up, from the
 *     scheduled time in the open loop
 */
public record PublishResult(long sent, long acked, long measuredAcked, long errors, Map<String, Long> failures,
        long unanswered, long[] ackedPerTopic, long lateSends, long elapsedNanos, long measuredNanos,
        Histogram ackLatency) {

    /** Nothing published (the idle scenario). */
    public static PublishResult none(int topics) {
        return new PublishResult(0, 0, 0, 0, Map.of(), 0, new long[topics], 0, 0, 0, new Histogram(1000, 3));
    }
}
