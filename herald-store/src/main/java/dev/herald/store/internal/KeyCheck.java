package dev.herald.store.internal;

import dev.herald.core.Appended;
import dev.herald.core.IdempotencyConflictException;
import dev.herald.core.internal.IdempotencyIndex;
import dev.herald.store.internal.AppendQueue.Pending;

/**
 * The writer's idempotency check for one keyed append, against the keys it remembers (those committed,
 * and those earlier in the batch being built, so a retry in the same batch as its first attempt is found).
 */
final class KeyCheck {

    private KeyCheck() {
    }

    /**
     * The answer without a row ({@link Appended#repeat} or an {@link IdempotencyConflictException}), or,
     * when the update must be stored, its {@code idempotency} column: {@code <digest> <fingerprint>}.
     */
    static Object answer(IdempotencyIndex keys, Pending pending, long nowMillis) {
        String digest = pending.key().digest();
        String fingerprint = pending.fingerprint();
        IdempotencyIndex.Entry first = keys.find(digest, nowMillis);
        if (first == null) {
            return digest + ' ' + fingerprint;
        }
        return first.fingerprint().equals(fingerprint) ? Appended.repeat(first.id()) : new IdempotencyConflictException();
    }

    /** Remembers the row's key (before its commit; forgotten again if the commit fails); returns its digest. */
    static String remember(IdempotencyIndex keys, String column, NewRow row) {
        int space = column.indexOf(' ');
        String digest = column.substring(0, space);
        keys.remember(digest, new IdempotencyIndex.Entry(column.substring(space + 1), row.stored().id(),
                row.createdAtMillis()));
        return digest;
    }
}
