package dev.herald.core;

import java.util.List;
import java.util.Objects;
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

    public Hub(Transport transport) {
        this.transport = Objects.requireNonNull(transport, "transport");
        transport.start(this::fanOut);
    }

    /** Accepts an update; completes with its id and position once the transport acknowledged it. */
    public CompletableFuture<StoredUpdate> publish(Update update) {
        return transport.append(Objects.requireNonNull(update, "update"));
    }

    /** The first page of the retained updates after the given id, for a reconnecting subscriber. */
    public CompletableFuture<HistoryPage> history(LastEventId lastEventId, PageRequest request) {
        return transport.readAfter(Objects.requireNonNull(lastEventId, "lastEventId"),
                Objects.requireNonNull(request, "request"));
    }

    /** The page after {@code previous} of the same replay (see {@link Transport#readNext}). */
    public CompletableFuture<HistoryPage> nextPage(HistoryPage previous, PageRequest request) {
        Objects.requireNonNull(previous, "previous");
        Objects.requireNonNull(request, "request");
        if (previous.last()) {
            throw new IllegalArgumentException("the replay is complete: there is no page after its last");
        }
        return transport.readNext(previous, request);
    }

    /** Receives every accepted update in order, from now on (see {@link UpdateListener}). */
    public void addListener(UpdateListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    public void removeListener(UpdateListener listener) {
        listeners.remove(listener);
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
}
