package dev.herald.redis.internal;

import java.time.Duration;
import java.util.ArrayDeque;

/**
 * How far this node's stream reader is behind the stream, in updates and in time. The stream's newest
 * position is learned by {@link StreamHeadPoll} (every node's appends) and by this node's own appends;
 * each new one is kept as a sample with the time it was first seen. The lag in time is the age of the
 * oldest sample the reader has not delivered yet: how long an update has waited here, measured from
 * when this node could first know of it (so it may read low by up to one poll interval, never high).
 *
 * <p>Thread-safe: the poll, the reader and readiness's readers each take the lock briefly; nothing
 * waits for I/O under it.
 */
public final class ReaderLag {

    /**
     * Samples kept at most: one a poll, so 1,024 is 17 minutes of a reader that delivers nothing. Past
     * that the newest sample is moved forward instead of adding one: the oldest, which the lag is
     * measured from, stays exact.
     */
    static final int MAX_SAMPLES = 1_024;

    private record Sample(long position, long seenAtNanos) {
    }

    private final ArrayDeque<Sample> samples = new ArrayDeque<>();
    private long newestSeen;
    private long delivered = -1;

    /** The stream held {@code position} at {@code nowNanos} ({@link System#nanoTime}). */
    public synchronized void seen(long position, long nowNanos) {
        if (position <= newestSeen) {
            return;
        }
        newestSeen = position;
        if (position <= delivered) {
            return;
        }
        if (samples.size() >= MAX_SAMPLES) {
            Sample last = samples.pollLast();
            samples.addLast(new Sample(position, last.seenAtNanos()));
        } else {
            samples.addLast(new Sample(position, nowNanos));
        }
    }

    /** The reader delivered every position up to {@code position}. */
    public synchronized void delivered(long position) {
        delivered = Math.max(delivered, position);
        while (!samples.isEmpty() && samples.peekFirst().position() <= delivered) {
            samples.pollFirst();
        }
    }

    /** How long the oldest update known and not yet delivered has waited; zero when caught up. */
    public synchronized Duration lag(long nowNanos) {
        Sample oldest = samples.peekFirst();
        return oldest == null ? Duration.ZERO : Duration.ofNanos(Math.max(0, nowNanos - oldest.seenAtNanos()));
    }

    /**
     * Updates known to exist (seen here, or {@code alsoKnown}: this node's own appends) that the reader
     * has not delivered; 0 before it delivered anything, and when Redis lost positions it had delivered.
     */
    public synchronized long updates(long alsoKnown) {
        return delivered < 0 ? 0 : Math.max(0, Math.max(newestSeen, alsoKnown) - delivered);
    }
}
