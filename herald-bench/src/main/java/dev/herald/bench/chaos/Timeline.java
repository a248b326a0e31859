package dev.herald.bench.chaos;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * What happened in each second of a run: publishes by outcome (counted as their answers arrive), and,
 * sampled once a second by the coordinator, deliveries, open streams and reconnects. Bounded: a run
 * longer than {@link #MAX_SECONDS} counts its tail in the last second.
 */
final class Timeline {

    /** The second of the run that ends at {@code second} (counted from the start of publishing). */
    public record Second(int second, long acknowledged, long refused, long unknown, long delivered, int openStreams,
            long reconnects) {
    }

    static final int MAX_SECONDS = 3_600;

    private volatile long startNanos;
    private final AtomicLongArray acknowledged = new AtomicLongArray(MAX_SECONDS);
    private final AtomicLongArray refused = new AtomicLongArray(MAX_SECONDS);
    private final AtomicLongArray unknown = new AtomicLongArray(MAX_SECONDS);
    /** Guarded by this: the samples, cumulative deliveries and reconnects, open streams. */
    private final List<long[]> samples = new ArrayList<>();

    Timeline() {
        this.startNanos = System.nanoTime();
    }

    /** Second 0 is now: called when the measured publishing starts (after the warm-up). */
    void begin() {
        startNanos = System.nanoTime();
    }

    /** Seconds since the start, at {@code nanos} (System.nanoTime). */
    double secondsAt(long nanos) {
        return Math.round((nanos - startNanos) / 1e7) / 100.0;
    }

    void published(ChaosPublisher.Outcome outcome) {
        int second = second(System.nanoTime());
        switch (outcome) {
            case ACKNOWLEDGED -> acknowledged.incrementAndGet(second);
            case REFUSED -> refused.incrementAndGet(second);
            case UNKNOWN -> unknown.incrementAndGet(second);
        }
    }

    /** Records the subscribers' totals now (call once a second). */
    synchronized void sample(long deliveriesSoFar, int openStreams, long reconnectsSoFar) {
        samples.add(new long[] {second(System.nanoTime()), deliveriesSoFar, openStreams, reconnectsSoFar});
    }

    /** One row per sample, with the publishes answered in that second and the deliveries since the previous one. */
    synchronized List<Second> seconds() {
        List<Second> rows = new ArrayList<>();
        long[] previous = {0, 0, 0, 0};
        for (long[] sample : samples) {
            int s = (int) sample[0];
            int bucket = Math.max(0, s - 1); // the second that ended at the sample
            rows.add(new Second(s, acknowledged.get(bucket), refused.get(bucket), unknown.get(bucket), sample[1] - previous[1],
                    (int) sample[2], sample[3] - previous[3]));
            previous = sample;
        }
        return rows;
    }

    private int second(long nanos) {
        long second = TimeUnit.NANOSECONDS.toSeconds(nanos - startNanos);
        return (int) Math.max(0, Math.min(MAX_SECONDS - 1, second));
    }
}
