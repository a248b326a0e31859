package dev.herald.core.sse;

import dev.herald.core.StoredUpdate;
import dev.herald.core.Update;
import java.nio.charset.StandardCharsets;

/**
 * Writes updates in the {@code text/event-stream} format (WHATWG HTML, "Server-sent events").
 *
 * <p>A line ends at CR, LF or CRLF and a blank line dispatches the event, so data is split on all
 * three and each piece becomes its own {@code data:} line: the client joins them with LF, and a
 * publisher can never end the event early or add fields through the data. {@code id} and {@code type}
 * cannot contain line breaks at all ({@link Update} rejects them).
 */
public final class SseEncoder {

    private static final byte[] HEARTBEAT = ":\n\n".getBytes(StandardCharsets.US_ASCII);

    private SseEncoder() {
    }

    /**
     * An empty comment and the blank line: keeps proxies and idle timeouts from closing the stream.
     * A fresh copy, so no caller can change what every stream receives.
     */
    public static byte[] heartbeat() {
        return HEARTBEAT.clone();
    }

    /** The event for a stored update: {@code id}, then {@code event}, {@code retry}, {@code data}. */
    public static byte[] encode(StoredUpdate stored) {
        return encodeText(stored.update()).getBytes(StandardCharsets.UTF_8);
    }

    static String encodeText(Update update) {
        StringBuilder out = new StringBuilder(update.data().length() + 64);
        encodeTo(update, out);
        return out.toString();
    }

    /**
     * Appends the event for an update to {@code out}, exactly the text {@link #encode} turns into bytes:
     * for a caller that encodes many events into one buffer without a byte array each.
     */
    public static void encodeTo(Update update, StringBuilder out) {
        if (update.id() != null) {
            out.append("id: ").append(update.id()).append('\n');
        }
        if (update.type() != null) {
            out.append("event: ").append(update.type()).append('\n');
        }
        if (update.retry() != null) {
            out.append("retry: ").append(update.retry()).append('\n');
        }
        appendData(out, update.data());
        out.append('\n');
    }

    /** A comment (ignored by clients): any line break in the text starts a new comment line. */
    public static byte[] comment(String text) {
        StringBuilder out = new StringBuilder(text.length() + 4);
        forEachLine(text, line -> out.append(':').append(line).append('\n'));
        return out.append('\n').toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void appendData(StringBuilder out, String data) {
        forEachLine(data, line -> out.append("data: ").append(line).append('\n'));
    }

    /** Calls the action once per line of the text, splitting on CRLF, CR and LF. */
    private static void forEachLine(String text, LineAction action) {
        int start = 0;
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c == '\r' || c == '\n') {
                action.accept(text, start, i);
                if (c == '\r' && i + 1 < length && text.charAt(i + 1) == '\n') {
                    i++;
                }
                start = i + 1;
            }
        }
        action.accept(text, start, length);
    }

    @FunctionalInterface
    private interface LineAction {
        void accept(CharSequence line);

        default void accept(String text, int start, int end) {
            accept(text.subSequence(start, end));
        }
    }
}
