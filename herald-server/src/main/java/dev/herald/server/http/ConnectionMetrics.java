package dev.herald.server.http;

/**
 * What the connection guards report for monitoring: connections refused at accept and requests or
 * connections ended by a timeout. Called on event loops: implementations must be cheap and
 * non-blocking. {@link #NONE} ignores everything.
 */
public interface ConnectionMetrics {

    ConnectionMetrics NONE = new ConnectionMetrics() {
    };

    /** Why a connection was closed at accept. */
    enum Refusal {
        /** The node already holds its maximum of connections. */
        NODE_FULL,
        /** The client's address already holds its maximum of connections. */
        ADDRESS_FULL
    }

    /** Which deadline a connection or request missed. */
    enum Timeout {
        /** A request head did not arrive completely in time (slowloris). */
        HEADER,
        /** A request body did not arrive completely in time. */
        BODY,
        /** A keep-alive connection stayed without a request (or an HTTP/2 one without a stream). */
        IDLE
    }

    default void connectionRefused(Refusal refusal) {
    }

    default void timedOut(Timeout timeout) {
    }
}
