package dev.herald.bench;

import dev.herald.bench.internal.ProcStats;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Reads the hub's figures once, when the publishers' warm-up ends, on a daemon thread of its own: the
 * CPU from there to the end of the run is the hub's cost per publish without its JIT compiler's work
 * and the slow first seconds of a fresh JVM, which dominate a short run on one core.
 */
final class WarmupMark implements AutoCloseable {

    private final Thread thread;
    private volatile ProcStats stats;

    private WarmupMark(Duration warmup, Supplier<ProcStats> read) {
        thread = new Thread(() -> {
            try {
                Thread.sleep(warmup.toMillis());
                stats = read.get();
            } catch (InterruptedException stopped) {
                Thread.currentThread().interrupt();
            }
        }, "warmup-mark");
        thread.setDaemon(true);
    }

    /** Starts the clock now: call it when the publishers start theirs. */
    static WarmupMark start(Duration warmup, Supplier<ProcStats> read) {
        WarmupMark mark = new WarmupMark(warmup, read);
        mark.thread.start();
        return mark;
    }

    /** The figures read at the end of the warm-up, or null when it has not ended (or there was none to wait for). */
    ProcStats stats() {
        return stats;
    }

    @Override
    public void close() {
        thread.interrupt();
    }
}
