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
 *   <li><b>History</b> is read in pages, so what a replay holds is bounded by one page, never by the
 *       history's size. {@link #readAfter} answers from retained history, bounded by the transport's
 *       retention: where the replay resumes (an id it no longer retains, or never saw, yields the
 *       earliest retained updates and says so, {@link HistoryPage#fromEarliest()}: it never silently
 *       replays from somewhere), the head (the newest position at that moment, fixed for the whole
 *       replay) and the first page. {@link #readNext} reads the page after a page, by position:
 *       the retained updates in {@code (previous.after(), head]}, oldest first.</li>
 *   <li><b>Pages.</b> A page holds at most {@link PageRequest#maxUpdates()} updates and at most
 *       {@link PageRequest#maxBytes()} of data (but always its first update), in position order,
 *       without gap: every retained update between its start and its {@link HistoryPage#after()}
 *       that the request wants is in it. With {@link PageRequest#topics()}, only updates with one of
 *       those exact topics are; such a page may be empty without being the last (the transport
 *       bounds the work of one read by scanning a bounded window). A page that reaches the head is
 *       {@link HistoryPage#last() the last}. Each read is short: no snapshot, lock or thread is held
 *       between pages, so a caller may take its time between them.</li>
 *   <li><b>Overtaken replays.</b> When retention removed updates after the previous page before
 *       {@link #readNext} read them, the read completes exceptionally with
 *       {@link HistoryOvertakenException}: never a page with a silent gap. The subscriber's stream then
 *       ends, and the client, reconnecting, learns {@value LastEventId#EARLIEST}.</li>
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

    /** The start of a replay after the given id: where it resumes, its head, and its first page. */
    CompletableFuture<HistoryPage> readAfter(LastEventId lastEventId, PageRequest request);

    /**
     * The page after {@code previous} (which must not be {@link HistoryPage#last()}), of the same
     * replay: same {@code resumedFrom} and head.
     */
    CompletableFuture<HistoryPage> readNext(HistoryPage previous, PageRequest request);

    @Override
    void close();
}
