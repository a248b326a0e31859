package dev.herald.server.stream;

import dev.herald.core.History;
import dev.herald.core.Position;
import dev.herald.core.StoredUpdate;
import dev.herald.core.Subscription;
import io.netty.channel.Channel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One open SSE stream as the dispatcher sees it: what it wants, how far it has been served, and its
 * write budget. Confined to its channel's event loop: no locks, no queue of its own beyond the live
 * updates held while its history is replayed.
 */
final class SseSubscriber {

    private static final Logger LOG = LoggerFactory.getLogger(SseSubscriber.class);
    /**
     * Sent before a shutdown ends the stream: clients wait this long before reconnecting, by which
     * time a load balancer routes them to another node (a retry field with no data dispatches nothing).
     */
    static final long SHUTDOWN_RETRY_MILLIS = 2_000;
    private static final SharedFrame SHUTDOWN_RETRY = SharedFrame.ascii("retry: " + SHUTDOWN_RETRY_MILLIS + "\n\n");

    private final Channel channel;
    private final Subscription subscription;
    private final int maxPendingBytes;
    /** Updates at or before this position were already written (or replayed): the seam's watermark. */
    private Position served = Position.NONE;
    /** Live updates that arrive while history is being read; null once the stream is live. */
    private List<EncodedUpdate> held;
    private long heldBytes;
    /** The last position offered, so a subscriber matched through several topics gets it once. */
    private Position lastOffered = Position.NONE;
    /** The id of the last live-only update offered, for the same reason (see {@link #offerLive}). */
    private String lastLiveId;
    /** The history still to write, paced by writability; null when not replaying. */
    private List<StoredUpdate> replayPending;
    private int replayIndex;
    private Position replayHead;
    private Function<StoredUpdate, EncodedUpdate> encoder;
    /** Whether the response head went out, so the stream can be ended with the last chunk. */
    private boolean headersSent;
    private boolean wroteSinceHeartbeat;
    private boolean needsFlush;
    private CloseReason closeReason;

    /** Counts every update written, for this subscriber's event loop (one writer thread, no contention). */
    private final LongAdder deliveries;

    private final Wire wire;

    SseSubscriber(Channel channel, Subscription subscription, int maxPendingBytes, LongAdder deliveries) {
        this.channel = channel;
        this.wire = Wire.of(channel);
        this.subscription = subscription;
        this.maxPendingBytes = maxPendingBytes;
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
        held = new ArrayList<>();
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
        if (!update.position().isAfter(served) || !subscription.accepts(update.update())) {
            return false;
        }
        if (held != null) {
            held.add(update.retain());
            heldBytes += update.frameBytes();
            if (heldBytes > maxPendingBytes) {
                close(CloseReason.SLOW_CONSUMER);
            }
            return false;
        }
        return write(update);
    }

    /**
     * A live-only update (a subscription announcement): it has no position, so it neither goes through
     * nor moves the seam's watermarks ({@code lastOffered}, {@code served}). Skipped while history is
     * being read or replayed ({@code held} is set from the request until the replay is written): it is
     * in no history, and the seam orders held updates by position. A subscriber matched through several
     * selectors is offered it once per selector and writes it once (live-only ids are unique).
     */
    private boolean offerLive(EncodedUpdate update) {
        String id = update.update().id();
        if (closeReason != null || held != null || id.equals(lastLiveId)
                || !subscription.accepts(update.update())) {
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
     * Starts writing the history; when it is written, the live updates held meanwhile that are newer
     * than it follow and the stream goes live. Positions make the seam exact: nothing the history
     * covered is written twice, nothing after it is skipped. The replay is paced by the channel's
     * writability, so a long history never counts against the slow-consumer budget.
     */
    void replay(History history, Function<StoredUpdate, EncodedUpdate> replayEncoder) {
        replayPending = history.updates();
        replayHead = history.head();
        encoder = replayEncoder;
        replayIndex = 0;
        continueReplay();
    }

    /** Writes more history while the channel is writable (called again when it becomes writable). */
    void continueReplay() {
        if (replayPending == null || closeReason != null) {
            return;
        }
        while (replayIndex < replayPending.size() && channel.isWritable()) {
            StoredUpdate stored = replayPending.get(replayIndex++);
            if (subscription.accepts(stored.update())) {
                EncodedUpdate encoded = encoder.apply(stored);
                try {
                    write(encoded);
                } finally {
                    encoded.release();
                }
            }
        }
        if (replayIndex == replayPending.size()) {
            finishReplay();
        }
        flushNow();
    }

    private void finishReplay() {
        replayPending = null;
        encoder = null;
        if (replayHead.isAfter(served)) {
            served = replayHead;
        }
        List<EncodedUpdate> live = held;
        held = null;
        heldBytes = 0;
        for (EncodedUpdate update : live) {
            try {
                if (closeReason == null && update.position().isAfter(served)) {
                    write(update);
                }
            } finally {
                update.release();
            }
        }
    }

    /** Writes the heartbeat unless something else was written since the last one. */
    void heartbeat(SharedFrame frame) {
        if (closeReason == null && held == null && !wroteSinceHeartbeat) {
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
        if (replayPending == null && wire.pendingBytes(channel) > maxPendingBytes) {
            close(CloseReason.SLOW_CONSUMER);
        }
    }

    /** Ends the stream once; later calls keep the first reason. */
    void close(CloseReason reason) {
        if (closeReason != null) {
            return;
        }
        closeReason = reason;
        releaseHeld();
        LOG.debug("closing stream {}: {}", channel, reason);
        if (reason.graceful() && headersSent) {
            if (reason == CloseReason.SHUTDOWN) {
                wire.write(channel, SHUTDOWN_RETRY);
            }
            wire.end(channel);
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
        releaseHeld();
    }

    CloseReason closeReason() {
        return closeReason;
    }

    private boolean write(EncodedUpdate update) {
        wire.write(channel, update);
        deliveries.increment();
        served = update.position();
        wroteSinceHeartbeat = true;
        boolean first = !needsFlush;
        needsFlush = true;
        return first;
    }

    private void releaseHeld() {
        if (held != null) {
            held.forEach(EncodedUpdate::release);
            held = null;
            heldBytes = 0;
        }
    }
}
