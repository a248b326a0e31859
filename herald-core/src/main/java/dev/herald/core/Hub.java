package dev.herald.core;

import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place updates go through: publishers append here, subscribers' dispatchers listen here and
 * read history here. Every protocol front (Mercure, the demo's {@code /send} and {@code /stream}) is a
 * thin adapter onto this class, so they share ids, order and history.
 */
public final class Hub implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Hub.class);

    private final Transport transport;
    private final List<UpdateListener> listeners = new CopyOnWriteArrayList<>();
    private final List<LiveListener> liveListeners = new CopyOnWriteArrayList<>();
    /** The transport's live-only path, or null when it has none. */
    private final LiveBroadcast live;

    public Hub(Transport transport) {
        this.transport = Objects.requireNonNull(transport, "transport");
        transport.start(this::fanOut);
        if (transport instanceof LiveBroadcast broadcast) {
            broadcast.startLive(this::fanOutLive);
            live = broadcast;
        } else {
            live = null;
        }
    }

    /** Accepts an update; completes with its id and position once the transport acknowledged it. */
    public CompletableFuture<StoredUpdate> publish(Update update) {
        return transport.append(Objects.requireNonNull(update, "update"));
    }

    /**
     * Accepts an update unless an earlier attempt with the same publisher's key did (see
     * {@link IdempotentAppend}): completes with the update's id, the first attempt's for a repeat, or
     * exceptionally with {@link IdempotencyConflictException} for a key reused on another update.
     *
     * @throws IllegalStateException when the transport cannot remember keys ({@link #hasIdempotency()})
     */
    public CompletableFuture<Appended> publishOnce(Update update, IdempotencyKey key, String fingerprint) {
        Objects.requireNonNull(update, "update");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(fingerprint, "fingerprint");
        if (!(transport instanceof IdempotentAppend idempotent)) {
            throw new IllegalStateException("the transport cannot remember idempotency keys: " + transport);
        }
        return idempotent.appendOnce(update, key, fingerprint);
    }

    /** Whether {@link #publishOnce} is possible: the transport is an {@link IdempotentAppend}. */
    public boolean hasIdempotency() {
        return transport instanceof IdempotentAppend;
    }

    /** Whether {@link #publishLive} is possible: the transport is a {@link LiveBroadcast}. */
    public boolean hasLivePath() {
        return live != null;
    }

    /**
     * Delivers an update live to the subscribers of every node and stores it nowhere (see
     * {@link LiveBroadcast}): for what must cost nothing durable. An update without id is given a random
     * {@code urn:uuid:} one, so ids stay unique. Completes with the update as delivered.
     *
     * @throws IllegalStateException when the transport has no live path ({@link #hasLivePath()})
     */
    public CompletableFuture<Update> publishLive(Update update) {
        Objects.requireNonNull(update, "update");
        if (live == null) {
            throw new IllegalStateException("the transport has no live-only path: " + transport);
        }
        Update withId = update.id() == null ? update.withId("urn:uuid:" + UUID.randomUUID()) : update;
        return live.broadcast(withId).thenApply(ignored -> withId);
    }

    /** The first page of the retained updates after the given id, for a reconnecting subscriber. */
    public CompletableFuture<HistoryPage> history(LastEventId lastEventId, PageRequest request) {
        return transport.readAfter(Objects.requireNonNull(lastEventId, "lastEventId"),
                Objects.requireNonNull(request, "request"));
    }

    /** The page after {@code previous} of the same replay (see {@link Transport#readNext}). */
    public CompletableFuture<HistoryPage> nextPage(HistoryPage previous, PageRequest request) {
        HistoryPage.requireFollowable(previous);
        Objects.requireNonNull(request, "request");
        return transport.readNext(previous, request);
    }

    /** Receives every accepted update in order, from now on (see {@link UpdateListener}). */
    public void addListener(UpdateListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    public void removeListener(UpdateListener listener) {
        listeners.remove(listener);
    }

    /** Receives every live-only update that reaches this node (see {@link LiveListener}). */
    public void addLiveListener(LiveListener listener) {
        liveListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    @Override
    public void close() {
        transport.close();
    }

    /** One failing listener must not cost the others their updates, nor the publisher its answer. */
    private void fanOut(List<StoredUpdate> updates) {
        for (UpdateListener listener : listeners) {
            try {
                listener.onUpdates(updates);
            } catch (RuntimeException e) {
                LOG.error("listener {} failed on updates {}..{}", listener, updates.get(0).id(),
                        updates.get(updates.size() - 1).id(), e);
            }
        }
    }

    private void fanOutLive(Update update) {
        for (LiveListener listener : liveListeners) {
            try {
                listener.onLive(update);
            } catch (RuntimeException e) {
                LOG.error("live listener {} failed on update {}", listener, update.id(), e);
            }
        }
    }
}
