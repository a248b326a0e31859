package dev.herald.bench.internal;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * The response to a subscription, read straight from the socket's bytes: the head (status line and
 * headers, at most {@value #MAX_HEAD} bytes), then the body, chunked (as SSE over HTTP/1.1 usually is)
 * or, without {@code Transfer-Encoding: chunked}, raw until the connection closes. Body bytes go to an
 * {@link SseStampReader} without copying. Doing this by hand instead of with Netty's HTTP codec saves
 * a message object and two pipeline hops per chunk: on a single core that is the difference between
 * the tool and the hub being the bottleneck.
 *
 * <p>Single-threaded: one reader per connection.
 */
public final class HttpStreamReader {

    /** What the response said; called on the feeding thread. */
    public interface Listener {
        /** The head arrived; anything but 200 means the stream will not open. */
        void onHead(int status);

        /** The server ended the body (the last chunk). */
        void onEnd();

        /** The bytes are not an HTTP/1.1 response this reader understands. */
        void onMalformed(String why);
    }

    static final int MAX_HEAD = 16 * 1024;
    /** Larger chunks than a terabyte are not SSE: treat the size as malformed rather than overflow. */
    private static final long MAX_CHUNK = 1L << 40;

    private enum State { HEAD, SIZE, DATA, DATA_END, RAW, DONE }

    private final Listener listener;
    private final SseStampReader body;
    private State state = State.HEAD;
    /** The head so far; null once it has been read. */
    private byte[] head = new byte[512];
    private int headLength;
    private long chunkSize;
    private boolean inExtension;
    private int retryAfterSeconds = -1;
    private String lastEventIdHeader;

    public HttpStreamReader(Listener listener, SseStampReader body) {
        this.listener = listener;
        this.body = body;
    }

    public void feed(ByteBuf in) {
        int index = in.readerIndex();
        int to = in.writerIndex();
        while (index < to && state != State.DONE) {
            switch (state) {
                case HEAD -> index = readHead(in, index, to);
                case SIZE -> index = readSize(in, index, to);
                case DATA -> {
                    int count = (int) Math.min(chunkSize, to - index);
                    body.feed(in, index, index + count);
                    index += count;
                    chunkSize -= count;
                    if (chunkSize == 0) {
                        state = State.DATA_END;
                    }
                }
                case DATA_END -> {
                    if (in.getByte(index++) == '\n') { // the CRLF after a chunk's data
                        state = State.SIZE;
                    }
                }
                case RAW -> {
                    body.feed(in, index, to);
                    index = to;
                }
                default -> throw new IllegalStateException(state.name());
            }
        }
    }

    private int readHead(ByteBuf in, int index, int to) {
        while (index < to) {
            if (headLength == head.length) {
                if (head.length == MAX_HEAD) {
                    fail("the response head is over " + MAX_HEAD + " bytes");
                    return to;
                }
                head = Arrays.copyOf(head, Math.min(MAX_HEAD, head.length * 2));
            }
            head[headLength++] = in.getByte(index++);
            if (headEnded()) {
                parseHead(new String(head, 0, headLength, StandardCharsets.ISO_8859_1));
                head = null;
                return index;
            }
        }
        return index;
    }

    /** A blank line ends the head: CRLF CRLF, or LF LF from lenient servers. */
    private boolean headEnded() {
        int n = headLength;
        return n >= 2 && head[n - 1] == '\n' && (head[n - 2] == '\n' || (n >= 4 && head[n - 2] == '\r'
                && head[n - 3] == '\n'));
    }

    private void parseHead(String text) {
        String[] lines = text.split("\r?\n");
        String[] statusLine = lines[0].split(" ", 3);
        if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/1.") || !statusLine[1].matches("\\d{3}")) {
            fail("not an HTTP/1.x status line: " + lines[0]);
            return;
        }
        boolean chunked = false;
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i].toLowerCase(Locale.ROOT);
            if (line.startsWith("transfer-encoding:") && line.contains("chunked")) {
                chunked = true;
            }
            if (line.startsWith("retry-after:")) {
                retryAfterSeconds = seconds(line.substring("retry-after:".length()).trim());
            }
            if (line.startsWith("last-event-id:")) {
                lastEventIdHeader = lines[i].substring("last-event-id:".length()).trim();
            }
        }
        state = chunked ? State.SIZE : State.RAW;
        listener.onHead(Integer.parseInt(statusLine[1]));
    }

    /**
     * The head's {@code Retry-After} in seconds (the delay form; an HTTP date is not understood), or -1
     * without one; known from {@link Listener#onHead} on.
     */
    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /**
     * The head's {@code Last-Event-ID}: where a resumed stream resumed from ({@code earliest} when the
     * id asked for is not in the history), or null without one; known from {@link Listener#onHead} on.
     */
    public String lastEventIdHeader() {
        return lastEventIdHeader;
    }

    private static int seconds(String value) {
        return value.matches("\\d{1,6}") ? Integer.parseInt(value) : -1;
    }

    /** A chunk-size line: hex digits, optional {@code ;extensions}, CRLF. Size 0 ends the body. */
    private int readSize(ByteBuf in, int index, int to) {
        while (index < to) {
            byte b = in.getByte(index++);
            if (b == '\n') {
                inExtension = false;
                if (chunkSize == 0) {
                    state = State.DONE;
                    listener.onEnd();
                } else {
                    state = State.DATA;
                }
                return index;
            }
            int digit = Character.digit(b, 16);
            if (inExtension || b == '\r') {
                continue;
            }
            if (b == ';') {
                inExtension = true;
            } else if (digit < 0 || chunkSize > MAX_CHUNK) {
                fail("malformed chunk size");
                return to;
            } else {
                chunkSize = chunkSize * 16 + digit;
            }
        }
        return index;
    }

    private void fail(String why) {
        state = State.DONE;
        listener.onMalformed(why);
    }
}
