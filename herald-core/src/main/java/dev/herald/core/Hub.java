package dev.herald.core;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The one place updates go through: publishers append here, subscribers' dispatchers listen here and
 * read history here. Every protocol front (Mercure, the demo's {@code /send} and {@code /stream}) is a
 * thin adapter onto this class, so they share ids, order and history.
 */
public final class Hub implements AutoCloseable {

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

    /** The retained updates after the given id, for a reconnecting subscriber. */
    public CompletableFuture<History> history(LastEventId lastEventId) {
        return transport.readAfter(Objects.requireNonNull(lastEventId, "lastEventId"));
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

    private void fanOut(List<StoredUpdate> updates) {
        for (UpdateListener listener : listeners) {
            listener.onUpdates(updates);
        }
    }
}
