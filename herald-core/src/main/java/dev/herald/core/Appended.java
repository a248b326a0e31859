package dev.herald.core;

import java.util.Objects;
import java.util.Optional;

/**
 * What {@link IdempotentAppend#appendOnce} answers: the id the publisher is told, and the update it
 * stored, or nothing when an earlier attempt with the same key had stored it already.
 *
 * @param id the update's id: the new one, or the first attempt's
 * @param stored the update appended by this call; empty for a repeat, which stored nothing
 */
public record Appended(String id, Optional<StoredUpdate> stored) {

    public Appended {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(stored, "stored");
    }

    public static Appended fresh(StoredUpdate stored) {
        return new Appended(stored.id(), Optional.of(stored));
    }

    public static Appended repeat(String firstId) {
        return new Appended(firstId, Optional.empty());
    }

    /** True when an earlier attempt with the same key stored the update, and this call stored nothing. */
    public boolean repeated() {
        return stored.isEmpty();
    }
}
