package dev.herald.client.internal;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The start of a refusal's body: enough to show the hub's message, never a whole page. */
final class ErrorBody {

    static final int MAX_BYTES = 1024;

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    /** Keeps what fits; true once full (the rest need not be read). */
    boolean add(List<ByteBuffer> buffers) {
        for (ByteBuffer buffer : buffers) {
            while (buffer.hasRemaining() && bytes.size() < MAX_BYTES) {
                bytes.write(buffer.get());
            }
        }
        return bytes.size() >= MAX_BYTES;
    }

    /** The text, trimmed; a character cut at the limit decodes as U+FFFD. */
    String text() {
        return bytes.toString(StandardCharsets.UTF_8).strip();
    }
}
