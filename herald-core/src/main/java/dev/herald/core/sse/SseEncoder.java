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
        encodeTo(update, new Sink() {
            @Override
            public void line(Field field, String text, int from, int to) {
                out.append(field.prefix()).append(text, from, to).append('\n');
            }

            @Override
            public void end() {
                out.append('\n');
            }
        });
        return out.toString();
    }

    /** The fields an event may carry, each written as its name, a colon and a space. */
    public enum Field {
        ID("id: "), EVENT("event: "), RETRY("retry: "), DATA("data: ");

        private final String prefix;

        Field(String prefix) {
            this.prefix = prefix;
        }

        /** What starts the field's line: {@code "id: "}, {@code "data: "}, ... (ASCII). */
        public String prefix() {
            return prefix;
        }
    }

    /**
     * Where {@link #encodeTo} writes an event: one call per line, then the blank line. A sink only turns
     * the calls into bytes; which lines there are, in which order and where data is split stays here.
     */
    public interface Sink {
        /** One line: {@code field.prefix()}, then {@code text[from, to)} (no line break in it), then LF. */
        void line(Field field, String text, int from, int to);

        /** The blank line that dispatches the event. */
        void end();
    }

    /**
     * Writes the event for an update to {@code sink}, line by line, exactly as {@link #encode} does: for
     * a caller that writes many events into one buffer without a String and a byte array each.
     */
    public static void encodeTo(Update update, Sink sink) {
        if (update.id() != null) {
            sink.line(Field.ID, update.id(), 0, update.id().length());
        }
        if (update.type() != null) {
            sink.line(Field.EVENT, update.type(), 0, update.type().length());
        }
        if (update.retry() != null) {
            String retry = update.retry().toString();
            sink.line(Field.RETRY, retry, 0, retry.length());
        }
        String data = update.data();
        forEachLine(data, (from, to) -> sink.line(Field.DATA, data, from, to));
        sink.end();
    }

    /** A comment (ignored by clients): any line break in the text starts a new comment line. */
    public static byte[] comment(String text) {
        StringBuilder out = new StringBuilder(text.length() + 4);
        forEachLine(text, (from, to) -> out.append(':').append(text, from, to).append('\n'));
        return out.append('\n').toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Calls the action once per line of the text (its bounds), splitting on CRLF, CR and LF. Finds the
     * breaks with {@code indexOf}, which the JDK runs far faster than a loop over {@code charAt} on the
     * long single-line data most updates carry.
     */
    private static void forEachLine(String text, LineAction action) {
        int start = 0;
        int length = text.length();
        int lf = text.indexOf('\n');
        int cr = text.indexOf('\r');
        while (lf >= 0 || cr >= 0) {
            int end = lf < 0 ? cr : cr < 0 ? lf : Math.min(lf, cr);
            action.accept(start, end);
            start = end == cr && end + 1 == lf ? end + 2 : end + 1;
            if (lf >= 0 && lf < start) {
                lf = text.indexOf('\n', start);
            }
            if (cr >= 0 && cr < start) {
                cr = text.indexOf('\r', start);
            }
        }
        action.accept(start, length);
    }

    @FunctionalInterface
    private interface LineAction {
        void accept(int from, int to);
    }
}
