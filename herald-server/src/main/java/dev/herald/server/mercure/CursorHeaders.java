package dev.herald.server.mercure;

import java.nio.charset.StandardCharsets;

/**
 * The response headers that carry draft-08's reconciliation cursor on the subscriptions API: the
 * {@code last-event-id} attribute of the {@code rel="mercure"} {@code Link} (RFC 8288) and the
 * {@code ETag}. The cursor is an event id, which a publisher may choose: it holds no control character
 * (refused at publish), but may hold {@code "}, {@code \}, spaces and non-ASCII characters, none of
 * which may break out of the header's syntax to add attributes or links of its own.
 */
final class CursorHeaders {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private CursorHeaders() {
    }

    /**
     * {@code <hub>; rel="mercure"; last-event-id="…"; type="mercure"; content-type="application/json"}:
     * the hub's URL, the cursor to pass back as {@code last_event_id}, and what the subscription events
     * are (SSE type {@code mercure}, JSON). The cursor is a quoted-string: {@code "} and {@code \} are
     * escaped, and a non-ASCII character goes out as its UTF-8 bytes (obs-text), so a client reads back
     * exactly the id.
     */
    static String link(String hubUrl, String cursor) {
        return "<" + hubUrl + ">; rel=\"mercure\"; last-event-id=\"" + quoted(cursor) + "\"; type=\""
                + SubscriptionDocuments.EVENT_TYPE + "\"; content-type=\"application/json\"";
    }

    /**
     * The cursor as an entity-tag (RFC 9110 §8.8.3, {@code "etagc*"}): itself when it is printable ASCII
     * without {@code "}, {@code %} or space (every id this hub generates); otherwise those bytes and
     * every non-ASCII one percent-encoded, {@code %} included, so distinct cursors keep distinct tags.
     */
    static String etag(String cursor) {
        StringBuilder out = new StringBuilder(cursor.length() + 2).append('"');
        for (byte b : cursor.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (c <= 0x20 || c == '"' || c == '%' || c >= 0x7F) {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
            } else {
                out.append((char) c);
            }
        }
        return out.append('"').toString();
    }

    /**
     * The value escaped for a quoted-string, as header characters: Netty writes each char as one byte,
     * so a non-ASCII character is given as its UTF-8 bytes, one char each.
     */
    private static String quoted(String value) {
        StringBuilder out = new StringBuilder(value.length() + 8);
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if (c == '"' || c == '\\') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }
}
