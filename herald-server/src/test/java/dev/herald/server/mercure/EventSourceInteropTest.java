package dev.herald.server.mercure;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.server.ServerOptions;
import dev.herald.server.support.MercureClient;
import dev.herald.server.support.RunningHub;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A real third-party client, the npm {@code eventsource} package run by Node.js, subscribes to Herald:
 * it receives a multi-line update and a typed event, and after the hub ends its stream it reconnects
 * by itself with {@code Last-Event-ID} and receives what it missed, once.
 */
class EventSourceInteropTest {

    private static final Path CLIENT_DIR = Path.of("src/test/node");
    private static final String TOPIC = "https://example.com/chat/1";
    private static final String TYPE = "chat.message";

    /** Streams end after 80-100 % of this, which makes the client reconnect. */
    private final RunningHub hub = RunningHub.start(ServerOptions.builder()
            .maxConnectionLifetime(Duration.ofSeconds(2)).activeSubscriptions(false).build());
    private final MercureClient mercure = new MercureClient(hub);
    private final List<JsonNode> seen = new CopyOnWriteArrayList<>();
    private Process client;

    @BeforeAll
    static void requireClient() {
        assertThat(CLIENT_DIR.resolve("node_modules/eventsource"))
                .as("the npm client is installed (./test.sh runs npm ci in %s)", CLIENT_DIR).isDirectory();
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.destroyForcibly();
        }
        hub.close();
    }

    @Test
    void theEventsourcePackageReceivesUpdatesAndResumesAfterReconnecting() throws Exception {
        startClient(4);
        awaitLines("open", 1);

        // A short retry makes the client come back quickly once the hub ends the stream.
        String multiLine = mercure.publishOk(null, List.of(entry("topic", TOPIC), entry("retry", "200"),
                entry("data", "first line\nsecond line")));
        String typed = mercure.publishOk(null, List.of(entry("topic", TOPIC), entry("type", TYPE),
                entry("data", "typed")));
        awaitLines("event", 2);

        await("the hub ended the first stream").atMost(Duration.ofSeconds(10))
                .until(() -> hub.server().subscriberCount() == 0);
        String missed = mercure.publishOk(null, List.of(entry("topic", TOPIC), entry("data", "while away")));
        awaitLines("open", 2);
        String live = mercure.publishOk(null, List.of(entry("topic", TOPIC), entry("data", "after")));
        awaitLines("event", 4);

        List<JsonNode> events = seen.stream().filter(line -> line.get("kind").asText().equals("event")).toList();
        assertThat(events).extracting(event -> event.get("id").asText())
                .as("every update once, in order, the missed one replayed on reconnection")
                .containsExactly(multiLine, typed, missed, live);
        assertThat(events.get(0).get("data").asText()).isEqualTo("first line\nsecond line");
        assertThat(events.get(0).get("type").asText()).isEqualTo("message");
        assertThat(events.get(1).get("type").asText()).isEqualTo(TYPE);
        assertThat(client.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(client.exitValue()).isZero();
    }

    private void startClient(int events) throws IOException {
        String url = hub.uri(MercureClient.PATH + "?" + MercureClient.query(TOPIC)).toString();
        client = new ProcessBuilder("node", "eventsource-client.mjs", url, TYPE, String.valueOf(events))
                .directory(CLIENT_DIR.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    seen.add(RunningHub.json(line));
                }
            } catch (IOException e) {
                // the client ended; what it printed is in `seen`
            }
        }, "eventsource-client-output");
        reader.setDaemon(true);
        reader.start();
    }

    private void awaitLines(String kind, int count) {
        await(count + " '" + kind + "' lines from the client").atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(10))
                .until(() -> seen.stream().filter(line -> line.get("kind").asText().equals(kind)).count() >= count);
    }

}
