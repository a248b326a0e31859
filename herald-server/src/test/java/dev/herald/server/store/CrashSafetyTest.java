package dev.herald.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.client.sse.SseEvent;
import dev.herald.server.support.HeraldProcess;
import dev.herald.server.support.MercureClient;
import dev.herald.server.support.SseRecorder;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Herald as a real process, killed with SIGKILL in the middle of a burst of publishes from several
 * threads, restarted on the same directory: every update it acknowledged with 200 is replayed from
 * {@code earliest} exactly once, in each publisher's acknowledgement order.
 */
class CrashSafetyTest {

    private static final int PUBLISHERS = 8;
    /** Kill once this many publishes were acknowledged; the publishers keep going until the kill. */
    private static final int ACKNOWLEDGED_BEFORE_KILL = 400;
    private static final String TOPIC = "https://example.com/crash";

    @TempDir
    Path data;

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @ParameterizedTest(name = "--fsync {0}")
    @ValueSource(strings = {"always", "batch"})
    void everyAcknowledgedUpdateSurvivesSigkillExactlyOnceInOrder(String fsync) throws Exception {
        Map<Integer, List<String>> acknowledged = new HashMap<>();
        try (HeraldProcess hub = HeraldProcess.start("--transport", "store", "--data-dir", data.toString(),
                "--fsync", fsync, "--no-subscriptions")) {
            AtomicInteger acks = new AtomicInteger();
            ExecutorService publishers = Executors.newFixedThreadPool(PUBLISHERS);
            for (int p = 0; p < PUBLISHERS; p++) {
                List<String> ids = new CopyOnWriteArrayList<>();
                acknowledged.put(p, ids);
                int publisher = p;
                publishers.submit(() -> publishUntilRefused(hub, publisher, ids, acks));
            }
            await("acknowledged publishes").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(5))
                    .until(() -> acks.get() >= ACKNOWLEDGED_BEFORE_KILL);
            hub.kill();
            publishers.shutdown();
            assertThat(publishers.awaitTermination(30, TimeUnit.SECONDS)).as("publishers stop once refused").isTrue();
        }
        int total = acknowledged.values().stream().mapToInt(List::size).sum();
        assertThat(total).isGreaterThanOrEqualTo(ACKNOWLEDGED_BEFORE_KILL);

        try (HeraldProcess restarted = HeraldProcess.start("--transport", "store", "--data-dir", data.toString(),
                "--fsync", fsync, "--no-subscriptions");
                SseRecorder replay = SseRecorder.open(client,
                        restarted.uri(MercureClient.PATH + "?" + MercureClient.query(TOPIC)), Map.of("Last-Event-ID", "earliest"))) {
            await("the replay of every acknowledged update").atMost(Duration.ofSeconds(30))
                    .until(() -> replay.ids().containsAll(acknowledged.values().stream().flatMap(List::stream).toList()));
            List<String> replayed = replay.events().stream().map(SseEvent::lastEventId).toList();
            for (Map.Entry<Integer, List<String>> publisher : acknowledged.entrySet()) {
                List<String> inReplay = new ArrayList<>(replayed);
                inReplay.retainAll(publisher.getValue());
                assertThat(inReplay).as("publisher %d's acknowledged updates, once each, in acknowledgement order",
                        publisher.getKey()).containsExactlyElementsOf(publisher.getValue());
            }
        }
    }

    /** Publishes one update after another until the hub stops answering. */
    private void publishUntilRefused(HeraldProcess hub, int publisher, List<String> ids, AtomicInteger acks) {
        for (int n = 0; ; n++) {
            String form = MercureClient.form(List.of(Map.entry("topic", TOPIC), Map.entry("data", "p" + publisher + "-" + n)));
            try {
                HttpResponse<String> response = client.send(HttpRequest.newBuilder(hub.uri(MercureClient.PATH))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .timeout(Duration.ofSeconds(10))
                        .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    return;
                }
                ids.add(response.body());
                acks.incrementAndGet();
            } catch (IOException e) {
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
