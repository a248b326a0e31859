package dev.herald.client;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * Why a subscription ended for good: reconnecting would not help, so the client does not. Transient
 * failures (a refused or dropped connection, a missed heartbeat, 502/503/504) are retried and never
 * reported as one of these.
 */
public final class SubscribeException extends Exception {

    private static final long serialVersionUID = 1L;

    /** What went wrong. */
    public enum Reason {
        /** The hub answered a status other than 200, 204 or 502/503/504 (e.g. 400, 401, 403, 404, 429). */
        STATUS,
        /** A 200 whose content type is not {@code text/event-stream}: not an event stream at all. */
        CONTENT_TYPE,
        /** The stream broke the format beyond what a reader may skip (a line over the limit). */
        PROTOCOL,
        /** The token provider threw. */
        TOKEN,
        /** The application's listener threw: the subscription stops rather than skip an event. */
        LISTENER
    }

    private final Reason reason;
    private final int status;

    public SubscribeException(Reason reason, int status, String message, Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.status = status;
    }

    public Reason reason() {
        return reason;
    }

    /** The HTTP status of a {@link Reason#STATUS} or {@link Reason#CONTENT_TYPE} failure. */
    public OptionalInt status() {
        return status > 0 ? OptionalInt.of(status) : OptionalInt.empty();
    }
}
