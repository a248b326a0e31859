package dev.herald.server.mercure;

import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Percent-encodes a matcher or subscriber id into one path segment of a subscription IRI, and decodes
 * the segments of a subscriptions API path. Letters, digits and {@code -_.~} (RFC 3986's unreserved
 * characters) stay; every other byte of the UTF-8 form becomes {@code %XX}, a {@code %} included, so a
 * value is encoded exactly once whatever it holds (draft-08: "MUST NOT double-encode"). The two
 * generations differ only in the space.
 */
final class UrlEscape {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private UrlEscape() {
    }

    /** Draft-07's form, as the 0.x reference hub wrote it (Go's {@code url.QueryEscape}): a space is {@code +}. */
    static String component(String value) {
        return encode(value, "+");
    }

    /** Draft-08's: RFC 6570 simple string expansion of {@code {var}}, a space is {@code %20}. */
    static String expansion(String value) {
        return encode(value, "%20");
    }

    /** A draft-07 path segment: {@code +} is a space, as {@link #component} writes it. */
    static String decodeComponent(String segment) {
        return QueryStringDecoder.decodeComponent(segment, StandardCharsets.UTF_8);
    }

    /**
     * A draft-08 path segment, decoded as RFC 3986 paths are: {@code %XX} only, a {@code +} is itself.
     *
     * @throws IllegalArgumentException for a broken escape (the router answers 400)
     */
    static String decodeSegment(String segment) {
        return QueryStringDecoder.decodeComponent(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static String encode(String value, String space) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(bytes.length * 3);
        for (byte b : bytes) {
            int c = b & 0xFF;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || c == '-' || c == '_' || c == '.' || c == '~') {
                out.append((char) c);
            } else if (c == ' ') {
                out.append(space);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        return out.toString();
    }
}
