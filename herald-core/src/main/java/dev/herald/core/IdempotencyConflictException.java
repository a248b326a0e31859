package dev.herald.core;

/**
 * The key of an {@link IdempotentAppend#appendOnce} was used, within the window, by the same publisher
 * for another update: the request is not a retry, and nothing was stored (HTTP 422, as the
 * Idempotency-Key draft says for a key reused with a different payload).
 */
public final class IdempotencyConflictException extends RuntimeException {

    public IdempotencyConflictException() {
        super("this Idempotency-Key was already used for another update", null, false, false);
    }
}
