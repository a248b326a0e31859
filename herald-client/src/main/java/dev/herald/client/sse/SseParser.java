package dev.herald.client.sse;

import java.util.Objects;

/**
 * Reads a {@code text/event-stream} line by line, following the WHATWG "interpret the event stream"
 * rules: fields {@code data}, {@code event}, {@code id}, {@code retry}; one optional space after the
 * colon; {@code id} containing NUL ignored; {@code retry} only when all ASCII digits; a blank line
 * dispatches, but only when some data was given. Splitting the bytes into lines (CR, LF or CRLF) is the
 * caller's job ({@link java.io.BufferedReader#readLine()} follows the same rule).
 *
 * <p>Not thread-safe: one parser per stream.
 */
public final class SseParser {

    /** Receives what the stream says, on the thread that calls {@link #line}. */
    public interface Listener {
        void onEvent(SseEvent event);

        default void onComment(String comment) {
        }

        default void onRetry(long millis) {
        }
    }

    private static final char BOM = '\uFEFF';

    private final Listener listener;
    private final StringBuilder data = new StringBuilder();
    private boolean firstLine = true;
    private String type = "";
    /** Set by {@code id:} lines; becomes the last event id only when the event is complete. */
    private String idBuffer = "";
    private String lastEventId = "";

    public SseParser(Listener listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /** Feeds one line, without its terminator. */
    public void line(String line) {
        if (firstLine) {
            firstLine = false;
            if (!line.isEmpty() && line.charAt(0) == BOM) {
                line = line.substring(1);
            }
        }
        if (line.isEmpty()) {
            dispatch();
            return;
        }
        int colon = line.indexOf(':');
        if (colon == 0) {
            listener.onComment(line.substring(1));
            return;
        }
        String field = colon < 0 ? line : line.substring(0, colon);
        String value = colon < 0 ? "" : valueAfter(line, colon);
        field(field, value);
    }

    /**
     * The id a reconnecting client would send as {@code Last-Event-ID}: that of the last complete
     * event (an {@code id:} line counts once its blank line arrived), so a stream cut mid-event resumes
     * before that event, not after it.
     */
    public String lastEventId() {
        return lastEventId;
    }

    private static String valueAfter(String line, int colon) {
        int start = colon + 1;
        if (start < line.length() && line.charAt(start) == ' ') {
            start++;
        }
        return line.substring(start);
    }

    private void field(String name, String value) {
        switch (name) {
            case "data" -> data.append(value).append('\n');
            case "event" -> type = value;
            case "id" -> {
                if (value.indexOf('\0') < 0) {
                    idBuffer = value;
                }
            }
            case "retry" -> {
                // At most 18 digits: always fits a long, and no client waits longer than that.
                if (!value.isEmpty() && value.length() <= 18
                        && value.chars().allMatch(c -> c >= '0' && c <= '9')) {
                    listener.onRetry(Long.parseLong(value));
                }
            }
            default -> {
                // Unknown fields are ignored, as the standard says.
            }
        }
    }

    private void dispatch() {
        lastEventId = idBuffer;
        if (data.length() == 0) {
            type = "";
            return;
        }
        data.setLength(data.length() - 1);
        String eventType = type.isEmpty() ? SseEvent.DEFAULT_TYPE : type;
        SseEvent event = new SseEvent(lastEventId, eventType, data.toString());
        data.setLength(0);
        type = "";
        listener.onEvent(event);
    }
}
