package dev.herald.bench.internal;

import io.netty.buffer.ByteBuf;

/**
 * The status code at the start of an HTTP/1.x response, read from its first bytes whatever the split:
 * {@code HTTP/1.1 503 ...}. Keeps at most {@value #MAX} bytes; single-threaded.
 */
final class StatusLine {

    /** Enough for {@code HTTP/1.1 NNN}; the reason phrase is not needed. */
    static final int MAX = 12;

    private final byte[] kept = new byte[MAX];
    private int length;
    private int status = -1;

    /** Feeds response bytes (without moving the buffer's indexes); true once the code is known. */
    boolean feed(ByteBuf bytes) {
        if (status >= 0) {
            return true;
        }
        int count = Math.min(MAX - length, bytes.readableBytes());
        bytes.getBytes(bytes.readerIndex(), kept, length, count);
        length += count;
        if (length == MAX) {
            status = parse(kept);
        }
        return status >= 0;
    }

    /** The code, 0 when the bytes were not an HTTP/1.x status line, -1 while too few arrived. */
    int status() {
        return status;
    }

    private static int parse(byte[] head) {
        String text = new String(head, java.nio.charset.StandardCharsets.ISO_8859_1);
        if (!text.startsWith("HTTP/1.") || text.charAt(8) != ' ') {
            return 0;
        }
        String code = text.substring(9, 12);
        return code.chars().allMatch(Character::isDigit) ? Integer.parseInt(code) : 0;
    }
}
