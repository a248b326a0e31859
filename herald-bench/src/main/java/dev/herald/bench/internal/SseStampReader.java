package dev.herald.bench.internal;

import io.netty.util.ByteProcessor;

/**
 * A minimal {@code text/event-stream} reader for measuring: it splits lines (CR, LF or CRLF), keeps
 * only the first {@value #KEPT} bytes of each, finds the {@link Payload} stamp in the first
 * {@code data:} line of an event and reports the event at its blank line. Every other field, comments
 * and the rest of long lines are skipped without copying, which keeps a delivery at a few hundred
 * nanoseconds and a connection's parsing state at about 300 bytes. The full WHATWG parser is
 * {@code dev.herald.core.sse.SseParser}; this one trades completeness for speed, as a load generator
 * must.
 *
 * <p>Single-threaded: one reader per connection, fed on its event loop.
 */
final class SseStampReader implements ByteProcessor {

    /** Receives events as they complete. */
    interface Sink {
        /** An event with data; {@code stamp} is null when its data carried no stamp. */
        void onEvent(Payload.Stamp stamp);
    }

    /** The stamp sits at the start of the data, or close to it when a server wraps the message. */
    static final int KEPT = 256;
    private static final byte[] DATA = {'d', 'a', 't', 'a', ':'};

    private final Sink sink;
    private final byte[] line = new byte[KEPT];
    private final Payload.Stamp stamp = new Payload.Stamp();
    private int length;
    private boolean afterCr;
    private boolean hasData;
    private boolean stamped;

    SseStampReader(Sink sink) {
        this.sink = sink;
    }

    /** Feeds the next bytes of the stream (any split: lines and events may span calls). */
    void feed(io.netty.buffer.ByteBuf bytes) {
        bytes.forEachByte(this);
    }

    @Override
    public boolean process(byte value) {
        if (afterCr) {
            afterCr = false;
            if (value == '\n') {
                return true; // the LF of a CRLF
            }
        }
        if (value == '\n' || value == '\r') {
            afterCr = value == '\r';
            endLine();
        } else if (length < KEPT) {
            line[length++] = value;
        }
        return true;
    }

    private void endLine() {
        if (length == 0) {
            if (hasData) {
                sink.onEvent(stamped ? stamp : null);
            }
            hasData = false;
            stamped = false;
            return;
        }
        if (startsWithData()) {
            hasData = true;
            if (!stamped) {
                stamped = Payload.parse(line, DATA.length, length, stamp);
            }
        }
        length = 0;
    }

    private boolean startsWithData() {
        if (length < DATA.length) {
            return false;
        }
        for (int i = 0; i < DATA.length; i++) {
            if (line[i] != DATA[i]) {
                return false;
            }
        }
        return true;
    }
}
