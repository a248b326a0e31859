package dev.herald.core.auth;

import java.time.Duration;
import java.util.Objects;

/**
 * A token could not be checked because its issuer's keys cannot be had right now: the key set (JWKS)
 * did not answer, answered an error or something that is not a key set, and no copy of it is recent
 * enough to use. This is the hub's trouble, not the client's: the token may be perfectly valid, so it
 * is not an {@link InvalidTokenException}, and the server answers 503 with a {@code Retry-After} rather
 * than a 401 that would tell the client to throw its token away. The message is safe to send back.
 */
public final class KeysUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Duration retryAfter;

    KeysUnavailableException(Duration retryAfter) {
        super("the issuer's keys cannot be read now", null, false, false);
        this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
    }

    /** When the hub will try to read the keys again: the earliest a retry may succeed (one second or more). */
    public Duration retryAfter() {
        return retryAfter;
    }
}
