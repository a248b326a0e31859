package dev.herald.bench.internal;

import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * What the subscribers of one event loop received. Confined to that loop, so recording is a few plain
 * increments; read only after the loops stopped.
 */
final class LoopStats {

    /** Latencies above ten minutes are clamped: no run lasts that long. */
    static final long MAX_MICROS = TimeUnit.MINUTES.toMicros(10);

    final Histogram latency = newHistogram();
    long events;
    long unstamped;
    long unexpectedTopic;
    /** Arrivals stamped in the future: the wall clock stepped back during the run. */
    long clockSkew;

    static Histogram newHistogram() {
        return new Histogram(MAX_MICROS, 3); // 3 significant digits: 1 µs resolution up to 1 ms
    }

    void recordLatency(long micros) {
        if (micros < 0) {
            clockSkew++;
            micros = 0;
        }
        latency.recordValue(Math.min(micros, MAX_MICROS));
    }
}
