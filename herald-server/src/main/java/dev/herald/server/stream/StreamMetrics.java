package dev.herald.server.stream;

/**
 * What the streaming side reports for monitoring. Called on event loops: implementations must be
 * cheap and non-blocking. {@link #NONE} ignores everything.
 */
public interface StreamMetrics {

    StreamMetrics NONE = new StreamMetrics() {
    };

    default void streamOpened() {
    }

    default void streamClosed(CloseReason reason) {
    }

    /** A subscription was refused by a limit before its stream opened. */
    default void streamRefused(StreamRefusal refusal) {
    }

    /** An update was written to every matching stream of one event loop, this long after it was accepted. */
    default void dispatched(long nanosSinceAccepted) {
    }
}
