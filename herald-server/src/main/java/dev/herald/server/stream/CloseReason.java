package dev.herald.server.stream;

/** Why Herald ended a stream: feeds logs, metrics labels and tests. */
public enum CloseReason {
    /** The client closed the connection or it broke. */
    CLIENT_GONE,
    /** More than the pending-byte budget waited for the client: it reads too slowly. */
    SLOW_CONSUMER,
    /** The hub is shutting down. */
    SHUTDOWN,
    /** Writing to the connection failed. */
    WRITE_FAILED
}
