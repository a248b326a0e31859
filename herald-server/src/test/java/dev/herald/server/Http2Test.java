package dev.herald.server;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.client.sse.SseEvent;
import dev.herald.client.sse.SseParser;
import dev.herald.server.support.MercureClient;
import dev.herald.server.support.RunningHub;
import dev.herald.server.support.SseRecorder;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** HTTP/2 on the plain port (h2c) with real clients: streams, publishes and replays as on HTTP/1.1. */
class Http2Test {

    private static final String TOPIC = "https://example.com/h2";

    private final RunningHub hub = RunningHub.start(ServerOptions.builder().activeSubscriptions(false).build());
    private final MercureClient mercure = new MercureClient(hub);
    private final HttpClient http2 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();

    @AfterEach
    void stop() {
        hub.close();
    }

    @Test
    void theJdkClientUpgradesToH2cAndStreamsPublishesAndReplays() throws Exception {
        HttpResponse<String> published = http2.send(HttpRequest.newBuilder(hub.uri(MercureClient.PATH))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(MercureClient.form(List.of(entry("topic", TOPIC), entry("data", "first")))))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(published.version()).as("the client upgraded to h2c").isEqualTo(HttpClient.Version.HTTP_2);
        String first = published.body();

        try (SseRecorder stream = SseRecorder.open(http2, hub.uri(MercureClient.PATH + "?" + MercureClient.query(TOPIC)),
                Map.of("Last-Event-ID", "earliest"))) {
            String second = mercure.publishOk(null, List.of(entry("topic", TOPIC), entry("data", "two\nlines")));
            List<SseEvent> events = stream.awaitEvents(2);
            assertThat(events).extracting(SseEvent::lastEventId).containsExactly(first, second);
            assertThat(events.get(1).data()).isEqualTo("two\nlines");
        }
    }

    @Test
    void curlWithPriorKnowledgeStreamsOverHttp2() throws Exception {
        String before = hub.send("before");
        Process curl = new ProcessBuilder("curl", "-sN", "--http2-prior-knowledge", "-H", "Last-Event-ID: " + before,
                "-w", "%{http_version}", hub.uri("/stream").toString()).start();
        List<SseEvent> events = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            SseParser parser = new SseParser(events::add);
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(curl.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    parser.line(line);
                }
            } catch (java.io.IOException e) {
                // curl ended
            }
        });
        reader.setDaemon(true);
        reader.start();
        try {
            await("curl's stream to open").atMost(Duration.ofSeconds(10)).until(() -> hub.server().subscriberCount() == 1);
            String live = hub.send("live");
            await("the live update over h2").atMost(Duration.ofSeconds(10)).until(() -> events.size() >= 1);
            assertThat(events).extracting(SseEvent::lastEventId).containsExactly(live);
            HttpResponse<String> metrics = hub.request(HttpRequest.newBuilder(hub.uri("/metrics")).GET().build());
            assertThat(metrics.body()).contains("herald_connections{protocol=\"h2\"} 1.0");
        } finally {
            curl.destroy();
        }
    }
}
