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
    /** A {@code WWW-Authenticate} challenge (RFC 6750 §3); null for none. */
    private final String challenge;

    public HttpException(HttpResponseStatus status, String message) {
        this(status, message, 0);
    }

    public HttpException(HttpResponseStatus status, String message, int retryAfterSeconds) {
        this(status, message, retryAfterSeconds, null);
    }

    private HttpException(HttpResponseStatus status, String message, int retryAfterSeconds, String challenge) {
        super(message, null, false, false);
        this.status = Objects.requireNonNull(status, "status");
        this.retryAfterSeconds = retryAfterSeconds;
        this.challenge = challenge;
    }

    /** A refusal that says, in a {@code WWW-Authenticate} header, how to authenticate (RFC 6750 §3). */
    public static HttpException withChallenge(HttpResponseStatus status, String message, String challenge) {
        return new HttpException(status, message, 0, Objects.requireNonNull(challenge, "challenge"));
    }

    /** The {@code WWW-Authenticate} value, or null. */
    public String challenge() {
        return challenge;
    }

    public HttpResponseStatus status() {
        return status;
    }

    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
