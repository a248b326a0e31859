package dev.herald.core;

import java.util.concurrent.CompletableFuture;

/**
 * Where updates are ordered, kept and delivered: the seam between the hub and a storage engine
 * (memory, an embedded store, Redis). One contract, checked by one test suite for every
 * implementation ({@code TransportContract}).
 *
 * <ul>
 *   <li><b>Order.</b> Every accepted update gets the next {@link Position} of one total order; a
 *       transport shared by several nodes keeps one order for all of them.</li>
 *   <li><b>Ids.</b> An update without id is given one; ids the transport generates increase in
 *       position order. A publisher-supplied id is kept as it is.</li>
 *   <li><b>Acknowledgement.</b> {@link #append} completes only once the update is as durable as the
 *       transport promises and will be delivered; it completes exceptionally when the update was not
 *       stored, and then it is never delivered.</li>
 *   <li><b>Delivery.</b> The listener given to {@link #start} receives every accepted update once, in
 *       position order, including those appended by other nodes.</li>
 *   <li><b>History.</b> {@link #readAfter} answers from retained history, bounded by the transport's
 *       retention; an id it no longer retains (or never saw) yields the earliest retained updates and
 *       says so ({@link History#fromEarliest()}): it never silently replays from somewhere.</li>
 *   <li><b>Close.</b> After {@link #close}, appends fail and no further deliveries happen; calling it
 *       again does nothing.</li>
 * </ul>
 *
 * <p>No method blocks the caller on I/O: all results are futures.
 */
public interface Transport extends AutoCloseable {

    /** Starts delivering accepted updates to the listener. Called once, before the first append. */
    void start(UpdateListener listener);

    /** Appends an update, assigning its id when it has none. */
    CompletableFuture<StoredUpdate> append(Update update);

    /** The retained updates after the given id, oldest first. */
    CompletableFuture<History> readAfter(LastEventId lastEventId);

    @Override
    void close();
}
