package dev.herald.server.mercure;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.server.ServerOptions;
import dev.herald.server.support.MercureClient;
import dev.herald.server.support.RunningHub;
import dev.herald.server.support.Tokens;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A publisher may choose non-ASCII ids. A browser resuming after one sends it in {@code Last-Event-ID}
 * as UTF-8 bytes (WHATWG HTML), and reads the id lines of the body as UTF-8: the hub must find the id
 * from those bytes and answer the cursor headers in the same bytes.
 */
class NonAsciiCursorTest {

    private static final String TOPIC = "https://example.com/bücher/1";

    private final RunningHub hub = RunningHub.start(ServerOptions.builder().security(Tokens.security())
            .activeSubscriptions(false).build());
    private final MercureClient mercure = new MercureClient(hub);

    @AfterEach
    void stop() {
        hub.close();
    }

    @Test
    void aResumeAfterANonAsciiIdSentAsUtf8ReplaysOnlyWhatCameAfterIt() throws IOException {
        for (String id : List.of("größe-1", "größe-2", "日本-3")) {
            mercure.publishOk(Tokens.publisher("*"), List.of(entry("topic", TOPIC), entry("data", id), entry("id", id)));
        }

        String answer = resumeAfter("größe-1", "data: 日本-3");

        assertThat(answer).startsWith("HTTP/1.1 200 OK\r\n")
                .as("the cursor headers carry the id's UTF-8 bytes").contains("\r\nLast-Event-ID: größe-1\r\n")
                .contains("\r\nMercure-Last-Event-ID: größe-1\r\n");
        assertThat(answer.substring(answer.indexOf("\r\n\r\n")).lines().filter(line -> line.startsWith("id: ")))
                .as("what came after the id, not the whole history again")
                .containsExactly("id: größe-2", "id: 日本-3");
    }

    /** {@code GET} with {@code Last-Event-ID} in UTF-8, as a browser sends it; the answer read as UTF-8 until {@code last}. */
    private String resumeAfter(String lastEventId, String last) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), hub.port())) {
            socket.getOutputStream().write(("GET /.well-known/mercure?topic=" + MercureClient.encode(TOPIC) + " HTTP/1.1\r\n"
                    + "Host: 127.0.0.1\r\nAccept: text/event-stream\r\nLast-Event-ID: " + lastEventId + "\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            socket.setSoTimeout(200);
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            byte[] chunk = new byte[4096];
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (!received.toString(StandardCharsets.UTF_8).contains(last + "\n\n") && System.nanoTime() < deadline) {
                try {
                    int read = in.read(chunk);
                    if (read < 0) {
                        break;
                    }
                    received.write(chunk, 0, read);
                } catch (SocketTimeoutException nothingYet) {
                    // keep reading until the deadline
                }
            }
            return received.toString(StandardCharsets.UTF_8);
        }
    }
}
