package dev.herald.core;

import java.util.Objects;

/** An update the transport accepted: it has an id and a place in the total order. */
public record StoredUpdate(Position position, Update update) {

    public StoredUpdate {
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(update, "update");
        if (update.id() == null) {
            throw new IllegalArgumentException("a stored update must have an id");
        }
    }

    public String id() {
        return update.id();
    }
}
