package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.client.sse.SseEvent;
import dev.herald.server.support.RunningHub;
import dev.herald.server.support.SseRecorder;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each bad request gets its own clear 4xx, and the hub keeps serving everyone else. */
class BadInputTest {

    private static final int MAX_BODY = 4096;

    private final RunningHub hub = RunningHub.start(ServerOptions.builder().maxBodyBytes(MAX_BODY).build());

    @AfterEach
    void stop() {
        hub.close();
    }

    @ParameterizedTest(name = "{0} -> 400 {1}")
    @CsvSource(delimiter = '|', value = {
        "{\"message\": |malformed JSON",
        "not json at all|malformed JSON",
        "[\"message\"]|must be a JSON object",
        "{}|\"message\" is required",
        "{\"message\": null}|\"message\" is required",
        "{\"message\": 42}|\"message\" must be a string",
        "{\"message\": {\"a\": 1}}|\"message\" must be a string",
    })
    void sendRejectsABodyThatIsNotAMessage(String body, String error) {
        HttpResponse<String> response = hub.post("/send", body);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(RunningHub.json(response.body()).get("error").asText()).contains(error);
        assertHubStillServes();
    }

    @Test
    void sendRejectsAnEmptyBody() {
        HttpResponse<String> response = hub.post("/send", "");

        assertThat(response.statusCode()).isEqualTo(400);
        assertHubStillServes();
    }

    @Test
    void wrongMethodAnswers405WithTheAllowedMethods() {
        HttpResponse<String> response = hub.request(HttpRequest.newBuilder(hub.uri("/send")).GET().build());

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).hasValue("POST");
        assertHubStillServes();
    }

    @Test
    void unknownPathAnswers404() {
        HttpResponse<String> response = hub.request(HttpRequest.newBuilder(hub.uri("/nowhere")).GET().build());

        assertThat(response.statusCode()).isEqualTo(404);
        assertHubStillServes();
    }

    @Test
    void bodyOverTheLimitAnswers413() {
        HttpResponse<String> response = hub.post("/send", "{\"message\": \"" + "x".repeat(MAX_BODY) + "\"}");

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(RunningHub.json(response.body()).get("error").asText()).contains(String.valueOf(MAX_BODY));
        assertHubStillServes();
    }

    @Test
    void headersOverTheLimitAnswer431() throws IOException {
        String hugeHeader = "X-Filler: " + "y".repeat(ServerOptions.DEFAULT_MAX_HEADER_BYTES + 1) + "\r\n";

        String status = rawStatusLine("GET /healthz HTTP/1.1\r\nHost: x\r\n" + hugeHeader + "\r\n");

        assertThat(status).isEqualTo("HTTP/1.1 431 Request Header Fields Too Large");
        assertHubStillServes();
    }

    @Test
    void garbageInsteadOfHttpAnswers400() throws IOException {
        String status = rawStatusLine("\u0001\u0002 nonsense\r\n\r\n");

        assertThat(status).startsWith("HTTP/1.1 400");
        assertHubStillServes();
    }

    @Test
    void aMessageWithLineBreaksArrivesIntactAndCannotForgeFields() {
        String forged = "first line\nid: forged\r\nevent: admin\r\rdata: injected\n\nlast line";
        try (SseRecorder stream = hub.stream()) {
            String id = hub.send(forged);

            SseEvent event = stream.awaitEvents(1).get(0);
            assertThat(event.lastEventId()).isEqualTo(id);
            assertThat(event.type()).isEqualTo("message");
            assertThat(event.data()).as("every line break of the message becomes LF, nothing else changes")
                    .startsWith("first line\nid: forged\nevent: admin\n\ndata: injected\n\nlast line - ");
            hub.send("next");
            assertThat(stream.awaitEvents(2)).hasSize(2);
            assertThat(stream.events()).as("the message stayed one event").hasSize(2);
        }
    }

    /** A full round trip: publish, and a fresh subscriber receives it. */
    private void assertHubStillServes() {
        try (SseRecorder stream = hub.stream()) {
            String id = hub.send("still here");
            assertThat(stream.awaitEvents(1).get(0).lastEventId()).as("the hub still serves").isEqualTo(id);
        }
    }

    private String rawStatusLine(String request) throws IOException {
        URI uri = hub.uri("/");
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder line = new StringBuilder();
            int c;
            while ((c = in.read()) != -1 && c != '\r') {
                line.append((char) c);
            }
            return line.toString();
        }
    }
}
