package dev.herald.server.stream;

/** Why Herald ended a stream: feeds logs, metrics labels and tests. */
public enum CloseReason {
    /** The client closed the connection or it broke. */
    CLIENT_GONE(false),
    /** More than the pending-byte budget waited for the client: it reads too slowly. */
    SLOW_CONSUMER(false),
    /** Writing to the connection failed. */
    WRITE_FAILED(false),
    /**
     * A replay wrote nothing for the replay stall timeout: the client does not read its history. Its
     * replay slot and page are freed; not graceful, since the client is not reading anyway.
     */
    REPLAY_STALLED(false),
    /**
     * The history could not be replayed to the end (retention removed updates the replay had not read
     * yet, or the transport failed): the stream ends cleanly so the client reconnects with its
     * Last-Event-ID and is told where it resumes ({@code earliest} when that id is gone).
     */
    REPLAY_INTERRUPTED(true),
    /** The hub is shutting down. */
    SHUTDOWN(true),
    /** The subscriber's token expired: it must reconnect with a fresh one. */
    TOKEN_EXPIRED(true),
    /** The stream reached its maximum lifetime; the client reconnects, maybe to another node. */
    LIFETIME_ENDED(true);

    private final boolean graceful;

    CloseReason(boolean graceful) {
        this.graceful = graceful;
    }

    /**
     * True when the stream is ended cleanly (the HTTP response is completed before the connection
     * closes), which tells an EventSource to reconnect with its Last-Event-ID.
     */
    public boolean graceful() {
        return graceful;
    }
}
