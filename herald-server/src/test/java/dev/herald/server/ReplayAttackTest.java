package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.client.sse.SseEvent;
import dev.herald.server.support.HeraldProcess;
import dev.herald.server.support.HubMetrics;
import dev.herald.server.support.PrometheusText;
import dev.herald.server.support.RawHttp;
import dev.herald.server.support.SseRecorder;
import java.io.IOException;
import java.net.Socket;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clients that ask for the whole history and never read it, against a real hub process on the durable
 * store with room for two replays and one waiting: beyond the slots a resuming client waits its turn,
 * beyond the queue it is refused with 503, the stalled ones are cut off after the stall timeout, and an
 * honest subscriber resuming meanwhile loses nothing.
 */
class ReplayAttackTest {

    private static final int MAX_REPLAYS = 2;
    private static final int MAX_WAITING = 1;
    private static final Duration STALL_TIMEOUT = Duration.ofSeconds(2);
    /** 8 MB of history: more than the kernel's socket buffers hold for a client that does not read. */
    private static final int HISTORY = 64;
    private static final String PAYLOAD = "x".repeat(128 * 1024);
    private static final String STREAM = "/.well-known/mercure?topic="
            + URLEncoder.encode(ServerOptions.DEFAULT_DEMO_TOPIC, StandardCharsets.UTF_8);

    @TempDir
    Path data;

    private final HttpClient client = HttpClient.newHttpClient();
    private final List<Socket> attackers = new ArrayList<>();
    private HeraldProcess hub;
    private final List<String> published = new ArrayList<>();

    @BeforeEach
    void startHubWithHistory() throws Exception {
        hub = HeraldProcess.start("--transport", "store", "--data-dir", data.toString(),
                "--max-replays", Integer.toString(MAX_REPLAYS), "--max-replays-waiting", Integer.toString(MAX_WAITING),
                "--replay-stall-timeout", STALL_TIMEOUT.toMillis() + "ms");
        for (int i = 0; i < HISTORY; i++) {
            published.add(HeraldProcess.idOf(hub.send(client, i + " " + PAYLOAD)));
        }
    }

    @AfterEach
    void stopHub() throws IOException {
        for (Socket attacker : attackers) {
            attacker.close();
        }
        hub.close();
    }

    @Test
    void aReplayBeyondTheSlotsAndTheQueueIsRefusedWith503AndAJitteredRetryAfter() throws Exception {
        takeEveryReplaySlot();
        attackers.add(sendEarliest()); // takes the one place in the queue
        await("the third replay to wait").atMost(Duration.ofSeconds(10)).until(() -> HubMetrics.value(hub, "herald_replays_waiting") == 1);

        HttpResponse<String> refused = get(STREAM + "&lastEventID=earliest");

        assertThat(refused.statusCode()).as("no replay slot is free").isEqualTo(503);
        assertThat(refused.headers().firstValue("Retry-After")).as("the client is told when to come back")
                .hasValueSatisfying(seconds -> assertThat(Integer.parseInt(seconds)).isBetween(1, 4));
        assertThat(PrometheusText.samples(get("/metrics").body()))
                .as("the operator sees the refusal counted").containsEntry("herald_streams_refused_total{reason=\"replays\"}", 1.0);
    }

    @Test
    void replaysThatAreNeverReadAreClosedAfterTheStallTimeout() throws Exception {
        takeEveryReplaySlot();

        await("the stalled replays to be closed").atMost(STALL_TIMEOUT.plusSeconds(10))
                .until(() -> disconnects("replay_stalled") == MAX_REPLAYS);

        HttpResponse<String> metrics = get("/metrics");
        assertThat(PrometheusText.samples(metrics.body()))
                .as("nothing else ended them").containsEntry("herald_disconnects_total{reason=\"slow_consumer\"}", 0.0);
    }

    @Test
    void anHonestSubscriberResumingDuringTheAttackGetsEveryUpdateOnce() throws Exception {
        takeEveryReplaySlot();
        String lastSeen = published.get(9);
        List<String> expected = new ArrayList<>(published.subList(10, HISTORY));
        for (int i = 0; i < 10; i++) {
            expected.add(HeraldProcess.idOf(hub.send(client, "during the attack " + i)));
        }

        SseRecorder honest = SseRecorder.open(client, hub.uri(STREAM), Map.of("Last-Event-ID", lastSeen));
        assertThat(honest.status()).as("it waited for a slot (the stalled replays are cut) instead of a 503")
                .isEqualTo(200);
        for (int i = 0; i < 10; i++) {
            expected.add(HeraldProcess.idOf(hub.send(client, "after the resume " + i)));
        }

        try (honest) {
            List<String> received = honest.awaitEvents(expected.size()).stream().map(SseEvent::lastEventId).toList();
            assertThat(received).as("every update after the resumed id, once, in order, across the seam")
                    .containsExactlyElementsOf(expected);
        }
    }

    // --- Fixtures ----------------------------------------------------------------------------------

    /** Opens MAX_REPLAYS 'earliest' streams that never read, and waits until each has its headers. */
    private void takeEveryReplaySlot() throws IOException {
        for (int i = 0; i < MAX_REPLAYS; i++) {
            Socket socket = sendEarliest();
            attackers.add(socket);
            await("a replay to start").atMost(Duration.ofSeconds(10)).until(() -> socket.getInputStream().available() > 0);
        }
    }

    /** Asks for the whole history on a socket that never reads. */
    private Socket sendEarliest() {
        return RawHttp.getAndNeverRead(hub.uri("/"), STREAM + "&lastEventID=earliest");
    }

    private double disconnects(String reason) {
        return HubMetrics.value(hub, "herald_disconnects_total{reason=\"" + reason + "\"}");
    }

    private HttpResponse<String> get(String pathAndQuery) throws Exception {
        return client.send(HttpRequest.newBuilder(hub.uri(pathAndQuery)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
