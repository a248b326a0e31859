package dev.herald.core;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What the text of a topic or a topic selector may contain. Topics reach log lines and other
 * subscribers' screens, so a character that moves a cursor, ends a line or
 * reorders text would let a client forge log entries or disguise one topic as another (log injection,
 * "Trojan Source" bidi overrides). Refused, at every place in the text:
 *
 * <ul>
 *   <li>control characters ({@link Character#CONTROL}): C0 (U+0000..U+001F, with NUL, LF and CR), DEL
 *       (U+007F) and C1 (U+0080..U+009F, with NEL, U+0085, a line break to some readers);
 *   <li>format characters ({@link Character#FORMAT}): zero-width characters (U+200B..U+200F), bidi
 *       embeddings, overrides and isolates (U+202A..U+202E, U+2066..U+2069), the byte-order mark
 *       (U+FEFF), soft hyphen, tag characters;
 *   <li>the line and paragraph separators (U+2028, U+2029), line breaks to JavaScript and to some
 *       log viewers.
 * </ul>
 *
 * Everything else, spaces and non-Latin letters included, is allowed: a Mercure topic is any string,
 * usually an IRI.
 */
public final class TopicText {

    private TopicText() {
    }

    /**
     * Why the text cannot be a topic, or empty when it can. The reason names the first refused
     * character by its code point and index ({@code U+000A at index 3}), never the character itself, so
     * it is safe to log and to send back.
     */
    public static Optional<String> problem(String text) {
        Objects.requireNonNull(text, "text");
        for (int i = 0; i < text.length(); ) {
            char ascii = text.charAt(i);
            if (ascii >= ' ' && ascii < 0x7F) {
                // Printable ASCII, nearly every character of a topic IRI: allowed without the Unicode
                // table lookup, which was most of the Update constructor's samples in a profiled store
                // replay (every update built from a stored row checks its topics again).
                i++;
                continue;
            }
            int c = text.codePointAt(i);
            if (refused(c)) {
                return Optional.of("must not contain control or format characters ("
                        + String.format(Locale.ROOT, "U+%04X", c) + " at index " + i + ")");
            }
            i += Character.charCount(c);
        }
        return Optional.empty();
    }

    private static boolean refused(int codePoint) {
        int type = Character.getType(codePoint);
        return type == Character.CONTROL || type == Character.FORMAT
                || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR;
    }
}
