package dev.herald.server.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A GET sent on a raw socket bound to a chosen local address (127.0.0.2, 127.0.0.3, ...), so one test
 * can act as several clients of per-address limits; the JDK HTTP client cannot choose its source
 * address. Reads the response head, and the body of a non-streaming answer; a 200 stream is left open
 * (and unread) until {@link #close}.
 */
public final class BoundRequest implements AutoCloseable {

    private final Socket socket;
    private final int status;
    private final Map<String, String> headers;
    private final String body;

    private BoundRequest(Socket socket, int status, Map<String, String> headers, String body) {
        this.socket = socket;
        this.status = status;
        this.headers = headers;
        this.body = body;
    }

    /** Sends {@code GET pathAndQuery} from {@code sourceAddress} to the hub and reads the answer's head. */
    public static BoundRequest get(String sourceAddress, URI hub, String pathAndQuery) {
        Socket socket = new Socket();
        try {
            socket.setSoTimeout(10_000);
            socket.bind(new InetSocketAddress(sourceAddress, 0));
            socket.connect(new InetSocketAddress(hub.getHost(), hub.getPort()), 10_000);
            socket.getOutputStream().write(("GET " + pathAndQuery + " HTTP/1.1\r\nHost: " + hub.getHost() + ":"
                    + hub.getPort() + "\r\nAccept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            String statusLine = line(in);
            int status = Integer.parseInt(statusLine.split(" ")[1]);
            Map<String, String> headers = new HashMap<>();
            for (String header = line(in); !header.isEmpty(); header = line(in)) {
                int colon = header.indexOf(':');
                headers.put(header.substring(0, colon).trim().toLowerCase(Locale.ROOT), header.substring(colon + 1).trim());
            }
            String body = "";
            if (status != 200 && headers.containsKey("content-length")) {
                body = new String(in.readNBytes(Integer.parseInt(headers.get("content-length"))), StandardCharsets.UTF_8);
            }
            return new BoundRequest(socket, status, headers, body);
        } catch (IOException e) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // already failing
            }
            throw new UncheckedIOException("GET " + pathAndQuery + " from " + sourceAddress, e);
        }
    }

    public int status() {
        return status;
    }

    /** A response header by its case-insensitive name, or null. */
    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    public String body() {
        return body;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("the connection closed mid-line");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }
}
