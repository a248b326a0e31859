package dev.herald.core;

/**
 * An optional ability of a {@link Transport} whose live delivery can stop or fall behind without the
 * process noticing: it depends on something outside (a Redis, a disk) or on a thread of its own (a
 * stream reader, a writer). It reports {@link DeliveryHealth}, so that the server's readiness turns
 * 503 while this node does not deliver, and a load balancer sends publishers and subscribers to another
 * node meanwhile; readiness turns back by itself when delivery resumes. A transport that delivers on
 * the appending thread ({@code MemoryTransport}) does not implement it: it is always caught up.
 */
public interface TransportHealth {

    /**
     * How live delivery on this node is going now. Answers from state the transport keeps up to date and
     * never waits for I/O or a lock held across I/O, so a health endpoint may call it on an event loop.
     * Before {@link Transport#start} and after {@link Transport#close} it reports a problem.
     */
    DeliveryHealth deliveryHealth();
}
