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
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Raw sockets for clients no HTTP library would be: slow, silent, pipelining, many from one address,
 * or sending headers the JDK client will not let a test set ({@code Host}) or sets wrong on purpose.
 * Reads are bounded by a socket timeout, never by sleeping.
 */
public final class RawHttp {

    /** Read timeout of {@link #exchange}: an answer that does not come is a failure, not a hang. */
    private static final int TIMEOUT_MILLIS = 10_000;

    /** The status code and body of one answer. */
    public record Answer(int status, String body) {
    }

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
     * Sends {@code GET target} for an event stream on a connection from 127.0.0.1 with a 4 KiB receive
     * buffer, and returns the socket: a client that never reads what the hub sends (the caller may look
     * at {@code available()} to see that the answer began).
     */
    public static Socket getAndNeverRead(URI hub, String target) {
        Socket socket = connectSlowReader(hub, "127.0.0.1", 4096);
        try {
            socket.getOutputStream().write(("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Accept: text/event-stream\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            return socket;
        } catch (IOException e) {
            throw new UncheckedIOException("sending GET " + target, e);
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

    /**
     * Sends {@code method path} with exactly the given headers (a null {@code Host} sends none) plus
     * {@code Connection: close} and, with a body, its {@code Content-Length}; returns the answer.
     */
    public static Answer exchange(int port, String method, String path, Map<String, String> headers, String body) {
        StringBuilder request = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\n");
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put("Connection", "close");
        byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        if (body != null) {
            all.put("Content-Length", String.valueOf(content.length));
        }
        all.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
        request.append("\r\n");
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(TIMEOUT_MILLIS);
            socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().write(content);
            socket.getOutputStream().flush();
            return parse(readAll(socket.getInputStream()));
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path, e);
        }
    }

    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        in.transferTo(bytes);
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static Answer parse(String response) {
        if (!response.startsWith("HTTP/1.1 ")) {
            throw new AssertionError("not an HTTP/1.1 answer: " + response);
        }
        int status = Integer.parseInt(response.substring(9, 12));
        int bodyStart = response.indexOf("\r\n\r\n");
        return new Answer(status, bodyStart < 0 ? "" : response.substring(bodyStart + 4));
    }
}
