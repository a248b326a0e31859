package dev.herald.bench.internal;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The highest resident memory of a process while this runs: {@code /proc/PID/status} read every
 * {@value #PERIOD_MILLIS} ms on a daemon thread. (The kernel's own {@code VmHWM} is a peak since the
 * process started, which includes whatever it did before the measured phase.) A spike shorter than
 * the period can be missed; the hub's memory does not move that fast.
 */
public final class PeakRss implements AutoCloseable {

    static final long PERIOD_MILLIS = 100;

    private final long pid;
    private final AtomicLong peakKb = new AtomicLong();
    private final Thread sampler;
    private volatile boolean running = true;

    private PeakRss(long pid) {
        this.pid = pid;
        sample();
        this.sampler = new Thread(this::run, "peak-rss");
        sampler.setDaemon(true);
        sampler.start();
    }

    /** Starts sampling {@code pid}. */
    public static PeakRss of(long pid) {
        return new PeakRss(pid);
    }

    /** The highest RSS seen so far, KiB. */
    public long peakKb() {
        sample();
        return peakKb.get();
    }

    private void run() {
        while (running) {
            try {
                Thread.sleep(PERIOD_MILLIS); // a sampling period, not a wait for a condition
            } catch (InterruptedException e) {
                return;
            }
            try {
                sample();
            } catch (RuntimeException e) {
                return; // the process ended: the peak so far stands
            }
        }
    }

    private void sample() {
        peakKb.accumulateAndGet(ProcStats.read(pid).rssKb(), Math::max);
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
    }
}
