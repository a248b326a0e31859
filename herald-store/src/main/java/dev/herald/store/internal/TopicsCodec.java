package dev.herald.store.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Topics in one text column, each as its length, a colon, and the topic itself:
 * {@code ["a/b", "cd"]} is {@code 3:a/b2:cd}. Topics may contain any character (commas, newlines,
 * NUL), so no separator is safe; a length prefix is, and it stays readable in the sqlite3 shell.
 * Lengths count Java chars, the unit both sides use.
 */
public final class TopicsCodec {

    private TopicsCodec() {
    }

    public static String encode(List<String> topics) {
        StringBuilder encoded = new StringBuilder();
        for (String topic : topics) {
            encoded.append(topic.length()).append(':').append(topic);
        }
        return encoded.toString();
    }

    /** The topics, in order; a malformed value (only a corrupt row has one) is an IllegalArgumentException. */
    public static List<String> decode(String encoded) {
        List<String> topics = new ArrayList<>(2);
        int at = 0;
        while (at < encoded.length()) {
            int colon = encoded.indexOf(':', at);
            if (colon <= at || colon - at > 9) {
                throw new IllegalArgumentException("malformed topics at char " + at);
            }
            int length = parseLength(encoded, at, colon);
            int end = colon + 1 + length;
            if (end > encoded.length()) {
                throw new IllegalArgumentException("topic at char " + at + " runs past the end");
            }
            topics.add(encoded.substring(colon + 1, end));
            at = end;
        }
        return topics;
    }

    /**
     * The topics encoded in {@code bytes[from, to)} as UTF-8, read from the bytes when they are all ASCII
     * (where the encoding's char counts are byte counts): one String per topic and an immutable list,
     * without the encoded String and a substring of it per topic. Null when a byte is not ASCII (the
     * caller then decodes the text); malformed bytes are an IllegalArgumentException, as in
     * {@link #decode}.
     */
    public static List<String> decodeAscii(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] < 0) {
                return null;
            }
        }
        List<String> topics = new ArrayList<>(2);
        int at = from;
        while (at < to) {
            int colon = at;
            while (colon < to && bytes[colon] != ':') {
                colon++;
            }
            if (colon == at || colon == to || colon - at > 9) {
                throw new IllegalArgumentException("malformed topics at byte " + (at - from));
            }
            int length = 0;
            for (int i = at; i < colon; i++) {
                if (bytes[i] < '0' || bytes[i] > '9') {
                    throw new IllegalArgumentException("malformed topic length at byte " + (at - from));
                }
                length = length * 10 + (bytes[i] - '0');
            }
            int end = colon + 1 + length;
            if (end > to) {
                throw new IllegalArgumentException("topic at byte " + (at - from) + " runs past the end");
            }
            topics.add(new String(bytes, colon + 1, length, StandardCharsets.ISO_8859_1));
            at = end;
        }
        return List.copyOf(topics);
    }

    private static int parseLength(String encoded, int from, int to) {
        int length = 0;
        for (int i = from; i < to; i++) {
            char digit = encoded.charAt(i);
            if (digit < '0' || digit > '9') {
                throw new IllegalArgumentException("malformed topic length at char " + from);
            }
            length = length * 10 + (digit - '0');
        }
        return length;
    }
}
