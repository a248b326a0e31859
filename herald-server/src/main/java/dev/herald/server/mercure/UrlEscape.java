package dev.herald.server.mercure;

import java.nio.charset.StandardCharsets;

/**
 * Percent-encodes a topic or subscriber id into one path segment of a subscription IRI, as the
 * reference hub does (Go's {@code url.QueryEscape}): letters, digits and {@code -_.~} stay, a space
 * becomes {@code +}, every other byte of the UTF-8 form becomes {@code %XX}.
 */
final class UrlEscape {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private UrlEscape() {
    }

    static String component(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(bytes.length * 3);
        for (byte b : bytes) {
            int c = b & 0xFF;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || c == '-' || c == '_' || c == '.' || c == '~') {
                out.append((char) c);
            } else if (c == ' ') {
                out.append('+');
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        return out.toString();
    }
}
