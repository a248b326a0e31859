package dev.herald.client.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Splits a {@code text/event-stream} body into lines as the WHATWG rules do: a line ends at CR, LF or
 * CRLF (a CRLF split across two reads is still one end), and each line is UTF-8. Splitting on the raw
 * bytes is safe because no byte of a multi-byte UTF-8 sequence is CR or LF.
 *
 * <p>A line longer than the limit fails the stream: a hub (or something pretending to be one) could
 * otherwise make the client hold an endless line in memory.
 *
 * <p>Not thread-safe: one decoder per response body.
 */
public final class LineDecoder {

    private final Consumer<String> lines;
    private final int maxLineBytes;
    private byte[] line = new byte[256];
    private int length;
    private boolean afterCr;

    public LineDecoder(int maxLineBytes, Consumer<String> lines) {
        if (maxLineBytes <= 0) {
            throw new IllegalArgumentException("maxLineBytes must be positive, was " + maxLineBytes);
        }
        this.maxLineBytes = maxLineBytes;
        this.lines = lines;
    }

    /** Feeds bytes; every line completed by them is handed on before this returns. */
    public void feed(ByteBuffer bytes) throws IOException {
        while (bytes.hasRemaining()) {
            byte b = bytes.get();
            if (b == '\n') {
                if (afterCr) {
                    afterCr = false;
                    continue;
                }
                emit();
            } else if (b == '\r') {
                emit();
                afterCr = true;
            } else {
                afterCr = false;
                append(b);
            }
        }
    }

    private void append(byte b) throws IOException {
        if (length == maxLineBytes) {
            throw new IOException("a line of the event stream is longer than " + maxLineBytes + " bytes");
        }
        if (length == line.length) {
            line = Arrays.copyOf(line, Math.min(maxLineBytes, line.length * 2));
        }
        line[length++] = b;
    }

    private void emit() {
        String text = new String(line, 0, length, StandardCharsets.UTF_8);
        length = 0;
        if (line.length > 64 * 1024) {
            // One long event must not pin its buffer for the rest of the stream.
            line = new byte[256];
        }
        lines.accept(text);
    }
}
