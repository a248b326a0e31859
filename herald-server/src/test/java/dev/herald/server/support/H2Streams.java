package dev.herald.server.support;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Many SSE streams on one HTTP/2 connection (h2c by prior knowledge), as a client that connects and
 * leaves in a loop would, without a TCP handshake per stream: each stream is one {@code HEADERS}
 * frame, and closing the connection ends them all at once. (Cancelling them one by one with
 * {@code RST_STREAM} would meet Netty's rapid-reset guard, a {@code GOAWAY} after 200 resets in 30 s.)
 * Just enough HTTP/2 for that, written by hand so that a test controls every frame: request headers
 * are HPACK literals without indexing, the response's first header must be the static
 * {@code :status 200} (0x88), and the windows are opened wide at the start so the hub never waits for
 * a WINDOW_UPDATE. One thread per instance; not thread-safe.
 */
public final class H2Streams implements AutoCloseable {

    private static final byte[] PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final int HEADERS = 0x1;
    private static final int RST_STREAM = 0x3;
    private static final int SETTINGS = 0x4;
    private static final int PING = 0x6;
    private static final int GOAWAY = 0x7;
    private static final int WINDOW_UPDATE = 0x8;
    private static final int END_STREAM = 0x1;
    private static final int ACK = 0x1;
    private static final int END_HEADERS = 0x4;
    private static final int MAX_WINDOW = Integer.MAX_VALUE;
    private static final int DEFAULT_WINDOW = 65_535;

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final byte[] requestHeaders;
    private int nextStreamId = 1;

    /** Connects and sends the preface; every stream will be a GET of {@code pathAndQuery}. */
    public H2Streams(URI hub, String pathAndQuery) throws IOException {
        socket = new Socket(hub.getHost(), hub.getPort());
        socket.setTcpNoDelay(true);
        in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 64 * 1024));
        out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
        requestHeaders = literals(":method", "GET", ":scheme", "http", ":path", pathAndQuery,
                ":authority", hub.getHost() + ":" + hub.getPort());
        out.write(PREFACE);
        // SETTINGS_INITIAL_WINDOW_SIZE (0x4) at its maximum, then the connection's own window.
        frame(SETTINGS, 0, 0, new byte[] {0, 4, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff});
        frame(WINDOW_UPDATE, 0, 0, int32(MAX_WINDOW - DEFAULT_WINDOW));
        out.flush();
    }

    /**
     * Opens {@code count} streams at once and returns when the hub answered each with 200; they stay open
     * until {@link #close}.
     *
     * @throws AssertionError when the hub answers a stream otherwise, resets it or ends the connection
     */
    public void open(int count) throws IOException {
        for (int i = 0; i < count; i++) {
            frame(HEADERS, END_HEADERS | END_STREAM, nextStreamId, requestHeaders);
            nextStreamId += 2;
        }
        out.flush();
        int answered = 0;
        while (answered < count) {
            int length = (in.readUnsignedShort() << 8) | in.readUnsignedByte();
            int type = in.readUnsignedByte();
            int flags = in.readUnsignedByte();
            int streamId = in.readInt() & 0x7fffffff; // the reserved bit off
            byte[] payload = new byte[length];
            in.readFully(payload);
            switch (type) {
                case HEADERS -> {
                    if (payload.length == 0 || payload[0] != (byte) 0x88) {
                        throw new AssertionError("stream " + streamId + " was not answered 200");
                    }
                    answered++;
                }
                case SETTINGS -> {
                    if ((flags & ACK) == 0) {
                        frame(SETTINGS, ACK, 0, new byte[0]);
                        out.flush();
                    }
                }
                case PING -> {
                    if ((flags & ACK) == 0) {
                        frame(PING, ACK, 0, payload);
                        out.flush();
                    }
                }
                case RST_STREAM -> throw new AssertionError("the hub reset stream " + streamId + ", error "
                        + ByteBuffer.wrap(payload).getInt());
                case GOAWAY -> throw new AssertionError("the hub ended the connection (GOAWAY), error "
                        + ByteBuffer.wrap(payload, 4, 4).getInt());
                default -> {
                    // DATA (the opening comment), WINDOW_UPDATE, PRIORITY: nothing to do.
                }
            }
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private void frame(int type, int flags, int streamId, byte[] payload) throws IOException {
        out.write(payload.length >>> 16);
        out.write(payload.length >>> 8);
        out.write(payload.length);
        out.write(type);
        out.write(flags);
        out.write(int32(streamId));
        out.write(payload);
    }

    /** HPACK "literal header field without indexing, new name" for each pair (strings under 127 bytes). */
    private static byte[] literals(String... namesAndValues) {
        ByteArrayOutputStream block = new ByteArrayOutputStream();
        block.write(0);
        for (int i = 0; i < namesAndValues.length; i++) {
            if (i > 0 && i % 2 == 0) {
                block.write(0);
            }
            byte[] text = namesAndValues[i].getBytes(StandardCharsets.US_ASCII);
            if (text.length >= 127) {
                throw new IllegalArgumentException("too long for a one-byte HPACK length: " + namesAndValues[i]);
            }
            block.write(text.length);
            block.writeBytes(text);
        }
        return block.toByteArray();
    }

    private static byte[] int32(int value) {
        return new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
    }
}
