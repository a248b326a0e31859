package dev.herald.core;

/**
 * An optional ability of a {@link Transport} that depends on something outside the process (a Redis,
 * a disk): it can tell whether it is usable right now, so that the server reports readiness
 * and a load balancer sends publishers and subscribers to another node meanwhile. A transport without
 * such a dependency does not implement it and is always ready.
 */
public interface TransportHealth {

    /**
     * True when appends can be expected to succeed and live updates are being delivered now. Answers
     * from state the transport keeps up to date; it never waits for I/O, so a health endpoint may call
     * it on an event loop.
     */
    boolean ready();
}
