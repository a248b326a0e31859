package dev.herald.core;

import java.util.Objects;

/**
 * Where a reconnecting subscriber wants to resume: after the update with this id, or from the
 * earliest retained update ({@value #EARLIEST}, as Mercure spells it).
 */
public record LastEventId(String value) {

    public static final String EARLIEST = "earliest";

    public LastEventId {
        Objects.requireNonNull(value, "value");
    }

    public static LastEventId earliest() {
        return new LastEventId(EARLIEST);
    }

    public boolean isEarliest() {
        return EARLIEST.equals(value);
    }
}
