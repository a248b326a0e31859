package dev.herald.redis.internal;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The highest position this node has seen, delivered or appended. Every append sends it along, so a
 * Redis that lost its sequence (a restart without persistence) never hands out a position this node
 * already delivered: positions only ever grow, on every node.
 */
public final class Floor {

    private final AtomicLong highest = new AtomicLong();

    public void raise(long position) {
        highest.accumulateAndGet(position, Math::max);
    }

    public long get() {
        return highest.get();
    }
}
