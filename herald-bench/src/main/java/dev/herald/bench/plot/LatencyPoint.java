package dev.herald.bench.plot;

import java.util.Objects;

/**
 * One point of the fan-out chart: the fan-out runs that share a label, a rate and a subscriber count,
 * reduced to the median of each run's percentiles.
 *
 * @param label the runs' {@code parameters.label} (the server measured)
 * @param rate offered publishes per second
 * @param subscribers subscribers requested
 * @param runs how many runs the medians are over
 * @param p50Millis median over the runs of each run's p50 publish-to-receive latency, in ms
 * @param p99Millis the same for p99
 * @param lost deliveries lost, summed over the runs (a latency measured while losing is a different figure)
 */
public record LatencyPoint(String label, double rate, int subscribers, int runs, double p50Millis, double p99Millis,
        long lost) {

    public LatencyPoint {
        Objects.requireNonNull(label, "label");
        if (runs < 1 || subscribers < 0 || rate <= 0 || lost < 0) {
            throw new IllegalArgumentException("a point needs at least one run, a positive rate and counts >= 0");
        }
    }
}
