package dev.herald.client;

/** A running subscription: reconnects on its own until closed or failed for good. */
public interface Subscription extends AutoCloseable {

    /**
     * The id it would resume after now ({@code Last-Event-ID}): that of the last event handed to the
     * application (an event the listener threw on does not count); empty before any event with an id.
     * Store it to resume after a restart of the application. Safe to call from any thread.
     */
    String lastEventId();

    /**
     * Stops the subscription: the connection is closed and {@link SubscriptionListener#onClosed()} is
     * called (unless the subscription already ended). Returns at once; safe to call repeatedly and
     * from any thread, including the listener's.
     */
    @Override
    void close();
}
