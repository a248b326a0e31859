package dev.herald.server.stream;

import dev.herald.core.HistoryOvertakenException;
import dev.herald.core.HistoryPage;
import dev.herald.core.Position;
import dev.herald.core.Subscription;
import dev.herald.core.Update;
import io.netty.channel.Channel;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One open SSE stream as the dispatcher sees it: what it wants, its write budget, and its replay. The
 * replay/live seam itself (watermark, held live updates, pages) is a {@link ReplaySeam}; this class
 * writes what the seam decides, paced by the channel's writability. Confined to its channel's event
 * loop: no locks, no queue of its own beyond two pages of history (one written, one read ahead) and the
 * live updates held while it is replayed.
 */
final class SseSubscriber {

    private static final Logger LOG = LoggerFactory.getLogger(SseSubscriber.class);
    /**
     * Sent before a shutdown ends the stream: clients wait this long before reconnecting, by which
     * time a load balancer routes them to another node (a retry field with no data dispatches nothing).
     */
    static final long SHUTDOWN_RETRY_MILLIS = 2_000;
    /**
     * How long a stream that ended cleanly waits for its client to take the last chunk before the
     * connection is closed anyway: a reading client has it within a round trip, while one that stopped
     * reading would keep the descriptor and the stream slot forever. 5 s covers a slow mobile link.
     */
    static final Duration FINAL_CHUNK_GRACE = Duration.ofSeconds(5);
    private static final SharedFrame SHUTDOWN_RETRY = SharedFrame.ascii("retry: " + SHUTDOWN_RETRY_MILLIS + "\n\n");

    private final Channel channel;
    private final Subscription subscription;
    /** Which live-only updates this stream takes ({@link StreamRequest#liveOnly()}). */
    private final Predicate<Update> liveOnly;
    private final ReplaySeam<EncodedUpdate> seam;
    private final int maxPendingBytes;
    /** The last position offered, so a subscriber matched through several topics gets it once. */
    private Position lastOffered = Position.NONE;
    /** The id of the last live-only update offered, for the same reason (see {@link #offerLive}). */
    private String lastLiveId;
    /** The replay in progress; null when not replaying. */
    private ReplayPlan replay;
    private StallWatch stall;
    /** Whether the response head went out, so the stream can be ended with the last chunk. */
    private boolean headersSent;
    private boolean wroteSinceHeartbeat;
    private boolean needsFlush;
    private CloseReason closeReason;

    /** Counts every update written, for this subscriber's event loop (one writer thread, no contention). */
    private final LongAdder deliveries;

    private final Wire wire;

    SseSubscriber(Channel channel, Subscription subscription, Predicate<Update> liveOnly, int maxPendingBytes,
            LongAdder deliveries) {
        this.channel = channel;
        this.wire = Wire.of(channel);
        this.subscription = subscription;
        this.liveOnly = liveOnly;
        this.maxPendingBytes = maxPendingBytes;
        this.seam = new ReplaySeam<>(maxPendingBytes);
        this.deliveries = deliveries;
    }

    Channel channel() {
        return channel;
    }

    Subscription subscription() {
        return subscription;
    }

    /** Writes one of the hub's shared frames (the opening comment). */
    void writeShared(SharedFrame frame) {
        wire.write(channel, frame);
    }

    /** The response head was written: from now on the connection carries chunks. */
    void headersSent() {
        headersSent = true;
    }

    /** Live updates are held, not written, until {@link #replay} has written the history. */
    void holdLiveUpdates() {
        seam.hold();
    }

    /**
     * Offers a live update; returns true when this call made the subscriber need a flush (the caller
     * flushes each subscriber once per batch).
     */
    boolean offer(EncodedUpdate update) {
        if (update.live()) {
            return offerLive(update);
        }
        if (closeReason != null || !update.position().isAfter(lastOffered)) {
            return false;
        }
        lastOffered = update.position();
        if (!subscription.accepts(update.update())) {
            return false;
        }
        return switch (seam.offer(update)) {
            case WRITE -> write(update);
            case COVERED, HELD -> false;
            case OVER_BUDGET -> {
                close(CloseReason.SLOW_CONSUMER);
                yield false;
            }
        };
    }

    /**
     * A live-only update (a subscription announcement): it has no position, so it neither goes through
     * nor moves the seam's watermarks ({@code lastOffered}, {@code served}). Skipped while history is
     * being read or replayed (from the request until the replay is written): it is
     * in no history, and the seam orders held updates by position. A subscriber matched through several
     * selectors is offered it once per selector and writes it once (live-only ids are unique). The
     * front's filter ({@link StreamRequest#liveOnly()}) comes before the selectors are tried again: a
     * draft-07 stream watching the whole subscriptions namespace skips each draft-08 event with one
     * string comparison.
     */
    private boolean offerLive(EncodedUpdate update) {
        String id = update.update().id();
        if (closeReason != null || seam.replaying() || id.equals(lastLiveId)
                || !liveOnly.test(update.update()) || !subscription.accepts(update.update())) {
            return false;
        }
        lastLiveId = id;
        wire.write(channel, update);
        deliveries.increment();
        wroteSinceHeartbeat = true;
        boolean first = !needsFlush;
        needsFlush = true;
        return first;
    }

    /**
     * Starts writing the history from its first page; each further page is asked for once the one
     * before is written, and when the last is written the live updates held meanwhile that are newer
     * follow and the stream goes live. The replay is paced by the channel's writability, so a long
     * history never counts against the slow-consumer budget; a replay that writes nothing for the
     * plan's stall timeout is closed ({@link CloseReason#REPLAY_STALLED}).
     */
    void replay(HistoryPage first, ReplayPlan plan) {
        replay = plan;
        stall = new StallWatch(channel.eventLoop(), plan.stallTimeout(), () -> close(CloseReason.REPLAY_STALLED));
        stall.start();
        pageArrived(first, null);
    }

    /**
     * Writes more history while the channel is writable (called again when it becomes writable): each
     * page whole, in one buffer, then asks for the next one at once, so it is read while this one
     * drains to the client. A client that stops reading therefore holds at most two pages: one in the
     * channel's outbound buffer, one read and waiting here until the channel is writable again.
     */
    void continueReplay() {
        if (replay == null || closeReason != null) {
            return;
        }
        HistoryPage page;
        while (channel.isWritable() && (page = seam.takePage()) != null) {
            writePage(page);
            stall.progressed();
            requestNextPage();
        }
        if (seam.complete()) {
            finishReplay();
        }
        flushNow();
    }

    /** Writes the page's events this stream may see, as one buffer; moves the watermark past them. */
    private void writePage(HistoryPage page) {
        EncodedPage encoded = replay.encoder().encode(page.updates(), subscription::accepts);
        if (encoded == null) {
            return;
        }
        wire.write(channel, encoded);
        deliveries.add(encoded.events());
        seam.written(encoded.lastPosition());
        wroteSinceHeartbeat = true;
        needsFlush = true;
    }

    private void requestNextPage() {
        HistoryPage after = seam.nextPageToRequest();
        if (after == null) {
            return;
        }
        CompletableFuture<HistoryPage> next;
        try {
            next = replay.nextPage().apply(after);
        } catch (RuntimeException e) {
            next = CompletableFuture.failedFuture(e);
        }
        next.whenComplete((page, failure) -> channel.eventLoop().execute(() -> pageArrived(page, failure)));
    }

    private void pageArrived(HistoryPage page, Throwable failure) {
        if (replay == null || closeReason != null) {
            return; // closed meanwhile: the page is dropped with the stream
        }
        if (failure != null) {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            if (cause instanceof HistoryOvertakenException) {
                LOG.debug("replay of stream {} ended: {}", channel, cause.getMessage());
            } else {
                LOG.warn("reading history for stream {} failed: {}", channel, cause.toString());
            }
            close(CloseReason.REPLAY_INTERRUPTED);
            return;
        }
        seam.pageArrived(page);
        stall.progressed();
        continueReplay();
    }

    private void finishReplay() {
        ReplayPlan ended = endReplay();
        for (EncodedUpdate update : seam.goLive()) {
            try {
                if (closeReason == null) {
                    write(update);
                }
            } finally {
                update.release();
            }
        }
        ended.ended().run();
    }

    /** Stops the replay's timer and forgets its plan; returns the plan (null when not replaying). */
    private ReplayPlan endReplay() {
        ReplayPlan ended = replay;
        replay = null;
        if (stall != null) {
            stall.stop();
            stall = null;
        }
        return ended;
    }

    /** Writes the heartbeat unless something else was written since the last one. */
    void heartbeat(SharedFrame frame) {
        if (closeReason == null && !seam.replaying() && !wroteSinceHeartbeat) {
            wire.write(channel, frame);
            needsFlush = true;
            flush();
        }
        wroteSinceHeartbeat = false;
    }

    /** Flushes whatever was written, then enforces the budget. */
    void flushNow() {
        needsFlush = true;
        flush();
    }

    /** Flushes once, then enforces the pending-byte budget: the slow are dropped, never the updates. */
    void flush() {
        if (!needsFlush || closeReason != null) {
            return;
        }
        needsFlush = false;
        channel.flush();
        if (!seam.replaying() && wire.pendingBytes(channel) > maxPendingBytes) {
            close(CloseReason.SLOW_CONSUMER);
        }
    }

    /**
     * Ends the stream once; later calls keep the first reason. A graceful end writes the last chunk
     * and closes once it is taken, or after {@link #FINAL_CHUNK_GRACE} when the client does not read.
     */
    void close(CloseReason reason) {
        if (closeReason != null) {
            return;
        }
        closeReason = reason;
        release();
        LOG.debug("closing stream {}: {}", channel, reason);
        if (reason.graceful() && headersSent) {
            if (reason == CloseReason.SHUTDOWN) {
                wire.write(channel, SHUTDOWN_RETRY);
            }
            wire.end(channel);
            ScheduledFuture<?> forcedClose = channel.eventLoop().schedule(() -> {
                channel.close();
            }, FINAL_CHUNK_GRACE.toNanos(), TimeUnit.NANOSECONDS);
            channel.closeFuture().addListener(closed -> forcedClose.cancel(false));
            return;
        }
        channel.close();
    }

    /** Called when the channel closed, whoever closed it. */
    void closed() {
        if (closeReason == null) {
            closeReason = CloseReason.CLIENT_GONE;
            LOG.debug("stream {} closed by the client", channel);
        }
        release();
    }

    CloseReason closeReason() {
        return closeReason;
    }

    private boolean write(EncodedUpdate update) {
        wire.write(channel, update);
        deliveries.increment();
        seam.written(update.position());
        wroteSinceHeartbeat = true;
        boolean first = !needsFlush;
        needsFlush = true;
        return first;
    }

    /** Lets go of the replay: its page, the held live updates, its timer and its slot. */
    private void release() {
        seam.release();
        ReplayPlan ended = endReplay();
        if (ended != null) {
            ended.ended().run();
        }
    }
}
