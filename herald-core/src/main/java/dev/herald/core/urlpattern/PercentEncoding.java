package dev.herald.core.urlpattern;

import java.nio.charset.StandardCharsets;

/**
 * The WHATWG URL standard's percent-encode sets (section 1.3) and the UTF-8 percent-encoding of one
 * code point. A code point outside the set is appended as is; one inside it becomes its UTF-8 bytes as
 * {@code %XX} triplets (upper-case hex, as the standard serializes).
 */
enum PercentEncoding {
    /** C0 controls and every code point above U+007E. */
    C0_CONTROL(""),
    /** Fragments: C0 controls, space, {@code " < > `}. */
    FRAGMENT(" \"<>`"),
    /** Queries of non-special URLs: C0 controls, space, {@code " # < >}. */
    QUERY(" \"#<>"),
    /** Queries of special URLs: the query set and {@code '}. */
    SPECIAL_QUERY(" \"#<>'"),
    /** Path segments: the query set and {@code ? ^ ` { }}. */
    PATH(" \"#<>?^`{}"),
    /** Username and password: the path set and {@code / : ; = @ [ \ ] |}. */
    USERINFO(" \"#<>?^`{}/:;=@[\\]|");

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private final String extra;

    PercentEncoding(String extra) {
        this.extra = extra;
    }

    boolean contains(int codePoint) {
        return codePoint < 0x20 || codePoint > 0x7E || extra.indexOf(codePoint) >= 0;
    }

    void append(StringBuilder out, int codePoint) {
        if (!contains(codePoint)) {
            out.appendCodePoint(codePoint);
            return;
        }
        for (byte b : new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8)) {
            out.append('%').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
        }
    }

    String encode(String value) {
        StringBuilder out = new StringBuilder(value.length());
        value.codePoints().forEach(c -> append(out, c));
        return out.toString();
    }
}
