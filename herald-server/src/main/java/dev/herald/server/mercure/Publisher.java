package dev.herald.server.mercure;

import dev.herald.core.IdempotencyKey;
import dev.herald.core.auth.Claims;
import java.util.Objects;
import java.util.Optional;

/**
 * An authorized publish request's publisher: what its token allows, and the request's
 * {@code Idempotency-Key} scoped to it ({@link PublisherScope}), when it sent one.
 */
public record Publisher(Claims claims, Optional<IdempotencyKey> idempotencyKey) {

    public Publisher {
        Objects.requireNonNull(claims, "claims");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
    }
}
