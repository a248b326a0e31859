package dev.herald.server.stream;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Ends a replay that makes no progress: a client that asks for history and never reads it holds a
 * replay slot and one page, and would hold them forever. One timer per replaying stream, on its event
 * loop, that wakes once per timeout (not per update): progress only records the time, read from the
 * loop's ticker (so tests can move it).
 */
final class StallWatch {

    private final EventLoop loop;
    private final long timeoutNanos;
    private final Runnable onStall;
    private long lastProgressNanos;
    private ScheduledFuture<?> timer;

    StallWatch(EventLoop loop, Duration timeout, Runnable onStall) {
        this.loop = loop;
        this.timeoutNanos = timeout.toNanos();
        this.onStall = onStall;
    }

    /** Starts watching from now. */
    void start() {
        lastProgressNanos = loop.ticker().nanoTime();
        timer = loop.schedule(this::check, timeoutNanos, TimeUnit.NANOSECONDS);
    }

    /** The replay moved on (an update written, or a page looked at). */
    void progressed() {
        lastProgressNanos = loop.ticker().nanoTime();
    }

    /** Stops watching: the replay completed or the stream closed. Repeating it does nothing. */
    void stop() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    private void check() {
        if (timer == null) {
            return;
        }
        long idle = loop.ticker().nanoTime() - lastProgressNanos;
        if (idle >= timeoutNanos) {
            timer = null;
            onStall.run();
            return;
        }
        timer = loop.schedule(this::check, timeoutNanos - idle, TimeUnit.NANOSECONDS);
    }
}
