package dev.herald.client;

import java.util.Objects;
import java.util.Optional;

/**
 * Where the client gets the JWT it presents as {@code Authorization: Bearer}. Asked before every
 * connection and every publish attempt, never cached by the client, so a provider that refreshes
 * short-lived tokens is used as it is meant to be: a stream the hub closes at its token's expiry
 * reconnects with a fresh one.
 *
 * <p>Called on the subscription's thread (subscribe) or the caller's or HTTP client's thread
 * (publish); it may block briefly. An exception it throws fails the subscription or the publish.
 */
@FunctionalInterface
public interface TokenProvider {

    /** The token to send now, or empty for an anonymous request. */
    Optional<String> token();

    /** No token: anonymous requests. */
    static TokenProvider none() {
        return Optional::empty;
    }

    /** Always the same token. */
    static TokenProvider of(String jwt) {
        Objects.requireNonNull(jwt, "jwt");
        if (jwt.isBlank()) {
            throw new IllegalArgumentException("a token must not be blank; use TokenProvider.none() for anonymous");
        }
        Optional<String> token = Optional.of(jwt.strip());
        return () -> token;
    }
}
