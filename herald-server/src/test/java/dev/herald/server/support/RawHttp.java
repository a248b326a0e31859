package dev.herald.server.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One HTTP/1.1 request written byte for byte on a fresh socket, for the headers the JDK client will
 * not let a test set ({@code Host}) or set wrong on purpose. The request asks the hub to close the
 * connection, so the answer is read to its end.
 */
public final class RawHttp {

    /** Read timeout: an answer that does not come is a failure, not a hang. */
    private static final int TIMEOUT_MILLIS = 10_000;

    /** The status code and body of one answer. */
    public record Answer(int status, String body) {
    }

    private RawHttp() {
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
