package dev.herald.server.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.server.HeraldServer;
import dev.herald.server.ServerOptions;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * A real hub on a free loopback port for one test, with the HTTP client a user would point at it.
 */
public final class RunningHub implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HeraldServer server;
    private final HttpClient client;

    private RunningHub(ServerOptions options) {
        this.server = HeraldServer.start(options.withPort(0));
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    public static RunningHub start() {
        return start(ServerOptions.defaults());
    }

    public static RunningHub start(ServerOptions options) {
        return new RunningHub(options);
    }

    public HeraldServer server() {
        return server;
    }

    public HttpClient client() {
        return client;
    }

    public int port() {
        return server.address().getPort();
    }

    public URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + port() + pathAndQuery);
    }

    /** Opens {@code GET /stream}. */
    public SseRecorder stream() {
        return SseRecorder.open(client, uri("/stream"), Map.of());
    }

    /** Opens {@code GET /stream} resuming after the given id. */
    public SseRecorder streamAfter(String lastEventId) {
        return SseRecorder.open(client, uri("/stream"), Map.of("Last-Event-ID", lastEventId));
    }

    /** Sends a demo message and returns the id the hub gave it; fails the test on any other answer. */
    public String send(String message) {
        HttpResponse<String> response = post("/send", JSON.createObjectNode().put("message", message).toString());
        if (response.statusCode() != 200) {
            throw new AssertionError("/send answered " + response.statusCode() + ": " + response.body());
        }
        return json(response.body()).get("id").asText();
    }

    public HttpResponse<String> post(String path, String body) {
        return request(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    public HttpResponse<String> request(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(request.method() + " " + request.uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
