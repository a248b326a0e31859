package dev.herald.server.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Raw sockets for clients no HTTP library would be: slow, silent, pipelining, or many from one
 * address. Reads are bounded by a socket timeout, never by sleeping.
 */
public final class RawHttp {

    private RawHttp() {
    }

    /** A connection to the hub from the given local address (127.0.0.2 etc. are all loopback on Linux). */
    public static Socket connect(URI hub, String fromAddress) {
        Socket socket = new Socket();
        try {
            socket.bind(new InetSocketAddress(InetAddress.getByName(fromAddress), 0));
            socket.connect(new InetSocketAddress(hub.getHost(), hub.getPort()), 5_000);
            return socket;
        } catch (IOException e) {
            throw new UncheckedIOException("connecting from " + fromAddress, e);
        }
    }

    /**
     * Like {@link #connect}, with a receive buffer of {@code receiveBufferBytes} set before connecting
     * (so the window the hub may fill is small): a client that reads slowly or not at all.
     */
    public static Socket connectSlowReader(URI hub, String fromAddress, int receiveBufferBytes) {
        Socket socket = new Socket();
        try {
            socket.setReceiveBufferSize(receiveBufferBytes);
            socket.bind(new InetSocketAddress(InetAddress.getByName(fromAddress), 0));
            socket.connect(new InetSocketAddress(hub.getHost(), hub.getPort()), 5_000);
            return socket;
        } catch (IOException e) {
            throw new UncheckedIOException("connecting from " + fromAddress, e);
        }
    }

    /**
     * Reads {@code count} complete HTTP/1.1 answers (each with a Content-Length) and returns their
     * status lines, in order.
     */
    public static java.util.List<String> readAnswers(Socket socket, int count, Duration within) throws IOException {
        socket.setSoTimeout((int) within.toMillis());
        java.io.DataInputStream in = new java.io.DataInputStream(new java.io.BufferedInputStream(socket.getInputStream()));
        java.util.List<String> statusLines = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            String status = null;
            int length = 0;
            String line;
            while (!(line = readLine(in)).isEmpty()) {
                if (status == null) {
                    status = line;
                } else if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                    length = Integer.parseInt(line.substring("content-length:".length()).trim());
                }
            }
            in.skipNBytes(length);
            statusLines.add(status);
        }
        return statusLines;
    }

    private static String readLine(java.io.DataInputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) != '\n') {
            if (c < 0) {
                throw new java.io.EOFException("the hub closed the connection mid-answer: " + line);
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    public static void write(Socket socket, String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
    }

    /**
     * Everything the hub sends until it closes the connection; fails when it is still open after
     * {@code within}. A reset after the answer counts as closed.
     */
    public static String readUntilClosed(Socket socket, Duration within) throws IOException {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        long deadline = System.nanoTime() + within.toNanos();
        byte[] buffer = new byte[8192];
        InputStream in = socket.getInputStream();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("the hub kept the connection open longer than " + within + "; it sent: "
                        + received.toString(StandardCharsets.ISO_8859_1));
            }
            socket.setSoTimeout((int) Math.max(1, left / 1_000_000));
            int read;
            try {
                read = in.read(buffer);
            } catch (SocketTimeoutException e) {
                continue;
            } catch (SocketException reset) {
                return received.toString(StandardCharsets.ISO_8859_1);
            }
            if (read < 0) {
                return received.toString(StandardCharsets.ISO_8859_1);
            }
            received.write(buffer, 0, read);
        }
    }

    /** True when the hub closes the connection within {@code within} (having sent anything or not). */
    public static boolean closedWithin(Socket socket, Duration within) {
        try {
            readUntilClosed(socket, within);
            return true;
        } catch (AssertionError | IOException stillOpen) {
            return false;
        }
    }

    /** The status line of an HTTP/1.1 answer, e.g. {@code HTTP/1.1 408 Request Timeout}. */
    public static String statusLine(String response) {
        int end = response.indexOf("\r\n");
        return end < 0 ? response : response.substring(0, end);
    }

    /** The body of one complete (Content-Length) HTTP/1.1 answer. */
    public static String body(String response) {
        int start = response.indexOf("\r\n\r\n");
        return start < 0 ? "" : response.substring(start + 4);
    }
}
