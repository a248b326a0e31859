package dev.herald.client;

import java.net.URI;

/**
 * What a {@link Subscription} tells the application.
 *
 * <p><b>Threads</b>: every method is called on the subscription's own thread
 * ({@code herald-subscription-N}), one call at a time and in order; a method that blocks holds back
 * the stream (the hub may then cut the connection as a slow consumer, and the subscription resumes
 * with {@code Last-Event-ID}: nothing is lost).
 *
 * <p><b>Terminal guarantee</b>: exactly one of {@link #onClosed()} and {@link #onFailure} is called,
 * once, and nothing is called after it. Reconnections in between are not terminal: each successful
 * one calls {@link #onOpen} again.
 *
 * <p>An exception thrown from a method ends the subscription with {@link #onFailure} (reason
 * {@link SubscribeException.Reason#LISTENER}): the client never skips an event silently.
 */
public interface SubscriptionListener {

    /** A connection opened: 200 with {@code text/event-stream}. Called on every (re)connection. */
    default void onOpen(URI hub) {
    }

    /** One event, in the order the hub sent them. */
    void onEvent(Event event);

    /**
     * The hub no longer has the event the subscription resumed after: it answered the
     * {@code Last-Event-ID} request header with {@code Last-Event-ID: earliest}, so it replays all the
     * history it retains (events may be missing before it, and some may come again). Called right
     * after {@link #onOpen} of that connection. Never called when the subscription itself asked for
     * {@code earliest}.
     *
     * @param requestedId the id the subscription asked to resume after
     */
    default void onHistoryLost(String requestedId) {
    }

    /** The subscription ended without error: the application closed it, or the hub answered 204. */
    default void onClosed() {
    }

    /** The subscription ended for good because of {@code failure}. */
    default void onFailure(SubscribeException failure) {
    }
}
