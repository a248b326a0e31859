package dev.herald.core;

import java.util.concurrent.CompletableFuture;

/**
 * An extra ability of a {@link Transport}: updates that are delivered live to every node and kept
 * nowhere, for what must cost nothing durable (Mercure's subscription announcements, which any
 * subscriber, even an anonymous one, causes by connecting).
 *
 * <ul>
 *   <li><b>Nothing durable.</b> A broadcast update gets no {@link Position}, is never stored, never
 *       counts toward retention, never takes the capacity that {@link Transport#append} has for
 *       publishers, and {@link Transport#readAfter} never returns it: it is never replayed.</li>
 *   <li><b>Ids.</b> The update must carry its id (nothing assigns one here); the caller keeps ids
 *       unique, so a receiver may use them to notice the same update offered twice.</li>
 *   <li><b>Delivery.</b> At most once to the {@link LiveListener} of every node sharing the transport,
 *       this node included, while that node is connected: a node that is not (a Redis outage) misses
 *       it for good. Updates broadcast one after another by one thread reach each node in that order;
 *       there is no order relative to appended updates, nor between threads.</li>
 *   <li><b>Acknowledgement.</b> {@link #broadcast} completes once the update was handed to this node's
 *       listener, or to the shared medium (Redis answered the publish); it completes exceptionally when
 *       the transport is closed or the medium unreachable, and the update then reached no node.</li>
 *   <li><b>Close.</b> {@link Transport#close} also ends broadcasting: later broadcasts fail and no
 *       further live deliveries happen.</li>
 * </ul>
 */
public interface LiveBroadcast {

    /** Starts delivering broadcast updates to the listener. Called once, after {@link Transport#start}. */
    void startLive(LiveListener listener);

    /** Delivers the update live to every node; see the interface comment. */
    CompletableFuture<Void> broadcast(Update update);
}
