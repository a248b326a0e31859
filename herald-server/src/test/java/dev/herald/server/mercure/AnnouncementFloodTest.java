package dev.herald.server.mercure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.server.support.H2Streams;
import dev.herald.server.support.HeraldProcess;
import dev.herald.server.support.MercureClient;
import dev.herald.server.support.PrometheusText;
import dev.herald.server.support.SseRecorder;
import dev.herald.server.support.Tokens;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13's announcement flood against a real hub process on the durable store: anonymous clients open
 * and close streams of three topics as fast as they can (HTTP/2 streams, 50 per connection, opened and closed with it), with anonymous announcements switched on (the
 * worst case), on a hub that retains only {@value #HISTORY_SIZE} updates. Before announcements became
 * live-only, each cycle appended six updates: 60,000 commits, and the publisher's update long evicted.
 */
class AnnouncementFloodTest {

    private static final int HISTORY_SIZE = 100;
    private static final int CYCLES = 10_000;
    /** Flooding threads, each opening HTTP/2 connections one after another. */
    private static final int FLOODERS = 4;
    /** Streams opened at once on each connection, then closed with it: 200 connections in all. */
    private static final int STREAMS_PER_CONNECTION = 50;
    private static final int HONEST_UPDATES = 50;
    private static final String FLOOD_PATH = MercureClient.PATH + "?topic=a&topic=b&topic=https%3A%2F%2Fex.com%2F%7Bid%7D";

    @TempDir
    Path data;
    private HeraldProcess hub;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeEach
    void start() {
        hub = HeraldProcess.start("--transport", "store", "--data-dir", data.toString(), "--history-size",
                "" + HISTORY_SIZE, "--jwt-key", Tokens.SECRET, "--subscriptions-anonymous");
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    @Test
    void tenThousandAnonymousStreamsCostNothingDurableAndAnHonestSubscriberLosesNothing() throws Exception {
        String before = publish("kept", "published before the flood");
        List<String> published = new ArrayList<>();
        try (SseRecorder honest = SseRecorder.open(client, hub.uri(MercureClient.PATH + "?topic=honest"), Map.of())) {
            assertThat(honest.status()).isEqualTo(200);
            ExecutorService flooders = Executors.newFixedThreadPool(FLOODERS);
            try {
                List<CompletableFuture<Void>> floods = new ArrayList<>();
                for (int i = 0; i < FLOODERS; i++) {
                    floods.add(CompletableFuture.runAsync(() -> openAndClose(CYCLES / FLOODERS), flooders));
                }
                for (int i = 0; i < HONEST_UPDATES; i++) {
                    published.add(publish("honest", "update " + i));
                }
                CompletableFuture.allOf(floods.toArray(CompletableFuture[]::new)).join();
            } finally {
                flooders.shutdownNow();
            }
            published.add(publish("honest", "after the flood"));

            honest.awaitEvents(published.size());
            assertThat(honest.ids()).as("the honest subscriber got every update, in order, and nothing else")
                    .containsExactlyElementsOf(published);
        }
        assertThat(committedUpdates()).as("only the publisher's %d updates were committed, no announcement",
                published.size() + 1).isEqualTo(published.size() + 1.0);
        try (SseRecorder replay = SseRecorder.open(client, hub.uri(MercureClient.PATH + "?topic=kept"),
                Map.of("Last-Event-ID", "earliest"))) {
            assertThat(replay.awaitEvents(1).get(0).lastEventId())
                    .as("the update published before the flood is still in the %d-update history", HISTORY_SIZE)
                    .isEqualTo(before);
        }
    }

    /** One flooder's share: HTTP/2 connections whose streams are opened (and so announced), then closed. */
    private void openAndClose(int cycles) {
        for (int done = 0; done < cycles; done += STREAMS_PER_CONNECTION) {
            try (H2Streams connection = new H2Streams(hub.uri("/"), FLOOD_PATH)) {
                connection.open(Math.min(STREAMS_PER_CONNECTION, cycles - done));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private String publish(String topic, String data) throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(hub.uri(MercureClient.PATH))
                .header("Authorization", "Bearer " + Tokens.publisher("*"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(MercureClient.form(List.of(Map.entry("topic", topic),
                        Map.entry("data", data)))))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("the hub accepts an honest publish during the flood").isEqualTo(200);
        return response.body();
    }

    private double committedUpdates() throws IOException, InterruptedException {
        HttpResponse<String> metrics = client.send(HttpRequest.newBuilder(hub.uri("/metrics")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        return PrometheusText.samples(metrics.body()).get("herald_store_committed_updates_total");
    }
}
