package dev.herald.client;

import java.util.Objects;

/**
 * One update as a subscriber receives it.
 *
 * @param id the event's id: what the subscriber sends as {@code Last-Event-ID} to resume after it
 *     (empty when the stream gave none; a Mercure hub always gives one)
 * @param type the event type, {@code message} when the stream gave none
 * @param data the data lines joined with LF
 */
public record Event(String id, String type, String data) {

    public Event {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(data, "data");
    }
}
