package dev.herald.client.internal;

import java.util.Locale;

/**
 * What a subscriber does with a response head (WHATWG HTML, "Server-sent events": only a 200
 * {@code text/event-stream} opens, 204 stops, anything else fails the source), with one departure:
 * 502, 503 and 504 are retried, because that is how a cluster node that is full or going away, or a
 * proxy in front of one, answers (Herald's {@code --max-streams} and {@code --max-replays} say 503
 * with {@code Retry-After}).
 */
public enum Answer {
    /** 200 {@code text/event-stream}: read the events. */
    OPEN,
    /** 204: the hub asks the client to stop; not an error. */
    STOP,
    /** 200 with another content type: whatever it is, it is not an event stream. Fail for good. */
    NOT_A_STREAM,
    /** 502, 503, 504: retry, on the next hub URL, after {@code Retry-After} or a backoff. */
    RETRY,
    /** Any other status: a refusal (400, 401, 403, 404, 429, 500…). Fail for good with the hub's message. */
    REFUSED;

    public static Answer of(int status, String contentType) {
        return switch (status) {
            case 200 -> isEventStream(contentType) ? OPEN : NOT_A_STREAM;
            case 204 -> STOP;
            case 502, 503, 504 -> RETRY;
            default -> REFUSED;
        };
    }

    /** The media type without parameters ({@code ; charset=utf-8}), case-insensitively. */
    static boolean isEventStream(String contentType) {
        int semicolon = contentType.indexOf(';');
        String mediaType = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip();
        return mediaType.toLowerCase(Locale.ROOT).equals("text/event-stream");
    }
}
