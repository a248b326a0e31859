package dev.herald.bench.internal;

import io.netty.buffer.ByteBuf;

/**
 * A minimal {@code text/event-stream} reader for measuring: it splits lines (CR, LF or CRLF), keeps
 * only the first {@value #KEPT} bytes of each, finds the {@link Payload} stamp in the first
 * {@code data:} line of an event and reports the event at its blank line. Every other field, comments
 * and the rest of long lines are skipped without copying, and line ends are found with Netty's
 * word-at-a-time {@code indexOf} rather than a callback per byte, which keeps a delivery at a few
 * hundred nanoseconds and a connection's parsing state at about 300 bytes. The full WHATWG parser is
 * {@code dev.herald.client.sse.SseParser}; this one trades completeness for speed, as a load generator
 * must.
 *
 * <p>Single-threaded: one reader per connection, fed on its event loop.
 */
public final class SseStampReader {

    /** Receives events as they complete. */
    public interface Sink {
        /** An event with data; {@code stamp} is null when its data carried no stamp. */
        void onEvent(Payload.Stamp stamp);
    }

    /** The stamp sits at the start of the data, or close to it when a server wraps the message. */
    static final int KEPT = 256;
    private static final byte[] DATA = {'d', 'a', 't', 'a', ':'};
    private static final byte[] ID = {'i', 'd', ':'};

    private final Sink sink;
    private final byte[] line = new byte[KEPT];
    private final Payload.Stamp stamp = new Payload.Stamp();
    private int length;
    private boolean afterCr;
    private boolean hasData;
    private boolean stamped;
    /**
     * The {@code id} field of the last event dispatched (its first {@value #KEPT} bytes: the hub's ids
     * are ~45), for Last-Event-ID. Allocated at the first id, so a stream without ids costs nothing.
     */
    private byte[] lastId;
    private int lastIdLength = -1;
    /** The {@code id} field of the event being read; its length is -1 when it has none. */
    private byte[] pendingId;
    private int pendingIdLength = -1;

    public SseStampReader(Sink sink) {
        this.sink = sink;
    }

    /** Feeds the next bytes of the stream (any split: lines and events may span calls). */
    void feed(ByteBuf bytes) {
        feed(bytes, bytes.readerIndex(), bytes.writerIndex());
    }

    /** Feeds {@code bytes[from, to)} without moving the buffer's indexes. */
    void feed(ByteBuf bytes, int from, int to) {
        int index = from;
        while (index < to) {
            if (afterCr) {
                afterCr = false;
                if (bytes.getByte(index) == '\n') {
                    index++; // the LF of a CRLF
                    continue;
                }
            }
            int lf = bytes.indexOf(index, to, (byte) '\n');
            int cr = bytes.indexOf(index, lf < 0 ? to : lf, (byte) '\r');
            int end = cr >= 0 ? cr : lf;
            keep(bytes, index, end < 0 ? to : end);
            if (end < 0) {
                return; // the line continues in the next read
            }
            afterCr = end == cr;
            endLine();
            index = end + 1;
        }
    }

    private void keep(ByteBuf bytes, int from, int to) {
        int count = Math.min(to - from, KEPT - length);
        if (count > 0) {
            bytes.getBytes(from, line, length, count);
            length += count;
        }
    }
    private void endLine() {
        if (length == 0) {
            if (hasData && pendingIdLength >= 0) {
                byte[] previous = lastId; // swap rather than copy: the pending buffer is free again
                lastId = pendingId;
                pendingId = previous;
                lastIdLength = pendingIdLength;
            }
            pendingIdLength = -1;
            if (hasData) {
                sink.onEvent(stamped ? stamp : null);
            }
            hasData = false;
            stamped = false;
            return;
        }
        if (startsWith(ID)) {
            int from = ID.length < length && line[ID.length] == ' ' ? ID.length + 1 : ID.length;
            if (pendingId == null) {
                pendingId = new byte[KEPT];
            }
            pendingIdLength = length - from;
            System.arraycopy(line, from, pendingId, 0, pendingIdLength);
        }
        if (startsWith(DATA)) {
            hasData = true;
            if (!stamped) {
                stamped = Payload.parse(line, DATA.length, length, stamp);
            }
        }
        length = 0;
    }

    /**
     * The id of the last event with data, as a reconnecting client sends it in {@code Last-Event-ID};
     * null before the first. (The spec keeps an id given without data too; the hub sends none such.)
     * Inside {@link Sink#onEvent} it is the id of the event being reported.
     */
    public String lastEventId() {
        return lastIdLength < 0 ? null : new String(lastId, 0, lastIdLength, java.nio.charset.StandardCharsets.UTF_8);
    }

    private boolean startsWith(byte[] field) {
        if (length < field.length) {
            return false;
        }
        for (int i = 0; i < field.length; i++) {
            if (line[i] != field[i]) {
                return false;
            }
        }
        return true;
    }
}
