package dev.herald.client;

import java.io.IOException;
import java.util.OptionalInt;

/**
 * A publish that did not succeed: the hub refused it (a status, with the hub's message: a rejection,
 * not retried unless 503) or it could not be delivered after every attempt (no status: a failure).
 */
public final class PublishException extends IOException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String hubMessage;
    private final int attempts;

    public PublishException(int status, String hubMessage, int attempts, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.hubMessage = hubMessage == null ? "" : hubMessage;
        this.attempts = attempts;
    }

    /** The status of the last answer; empty when no answer came (connection failures, timeouts). */
    public OptionalInt status() {
        return status > 0 ? OptionalInt.of(status) : OptionalInt.empty();
    }

    /** What the hub said with the status (its response body, trimmed), empty when nothing. */
    public String hubMessage() {
        return hubMessage;
    }

    /** How many requests were sent. */
    public int attempts() {
        return attempts;
    }
}
