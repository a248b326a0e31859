package dev.herald.core.internal;

import dev.herald.core.LiveBroadcast;
import dev.herald.core.LiveListener;
import dev.herald.core.Update;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link LiveBroadcast} for a transport of one node (memory, the embedded store): the update goes
 * straight to the listener on the caller's thread. No lock and no queue: the listener is thread-safe
 * by contract, and what one thread broadcasts arrives in its order because the call is synchronous.
 */
public final class LocalBroadcast implements LiveBroadcast {

    private static final Logger LOG = LoggerFactory.getLogger(LocalBroadcast.class);

    private volatile LiveListener listener;
    private volatile boolean closed;

    @Override
    public void startLive(LiveListener liveListener) {
        Objects.requireNonNull(liveListener, "listener");
        if (listener != null) {
            throw new IllegalStateException("live delivery already started");
        }
        listener = liveListener;
    }

    @Override
    public CompletableFuture<Void> broadcast(Update update) {
        Objects.requireNonNull(update, "update");
        if (update.id() == null) {
            throw new IllegalArgumentException("a live-only update must carry its id");
        }
        LiveListener current = listener;
        if (closed) {
            return CompletableFuture.failedFuture(new IllegalStateException("transport is closed"));
        }
        if (current == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("live delivery is not started"));
        }
        try {
            current.onLive(update);
        } catch (RuntimeException e) {
            // Like a failing update listener: logged, and the caller's update still counts as delivered.
            LOG.error("live listener failed on update {}", update.id(), e);
        }
        return CompletableFuture.completedFuture(null);
    }

    /** Refuses later broadcasts; repeating it does nothing. */
    public void close() {
        closed = true;
    }
}
