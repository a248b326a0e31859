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

    public HttpException(HttpResponseStatus status, String message) {
        super(message, null, false, false);
        this.status = Objects.requireNonNull(status, "status");
    }

    public HttpResponseStatus status() {
        return status;
    }
}
