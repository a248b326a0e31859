package dev.herald.server.http;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Objects;

/**
 * A request Herald refuses, with the status and a short exact message for the client. Thrown by
 * handlers; {@link Responses#sendError} is the one place that turns it into a response.
 */
public final class HttpException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient HttpResponseStatus status;
    /** Seconds for a {@code Retry-After} header; 0 for none. */
    private final int retryAfterSeconds;

    public HttpException(HttpResponseStatus status, String message) {
        this(status, message, 0);
    }

    public HttpException(HttpResponseStatus status, String message, int retryAfterSeconds) {
        super(message, null, false, false);
        this.status = Objects.requireNonNull(status, "status");
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public HttpResponseStatus status() {
        return status;
    }

    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
