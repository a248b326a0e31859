package dev.herald.client.sse;

import java.util.Objects;

/**
 * One event as a client sees it after parsing.
 *
 * @param lastEventId the client's last event id after this event (the {@code id:} field sticks)
 * @param type the event type, {@code message} when the stream gave none
 * @param data the data lines joined with LF
 */
public record SseEvent(String lastEventId, String type, String data) {

    public static final String DEFAULT_TYPE = "message";

    public SseEvent {
        Objects.requireNonNull(lastEventId, "lastEventId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(data, "data");
    }
}
