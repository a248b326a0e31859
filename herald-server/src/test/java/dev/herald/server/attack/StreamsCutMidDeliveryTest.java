package dev.herald.server.attack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.client.sse.SseEvent;
import dev.herald.server.ServerOptions;
import dev.herald.server.support.HeraldProcess;
import dev.herald.server.support.HubMetrics;
import dev.herald.server.support.RawHttp;
import dev.herald.server.support.SseRecorder;
import java.io.IOException;
import java.net.Socket;
import java.net.URLEncoder;
import java.net.http.HttpClient;
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
 * Non-reading replays of a topic cut as slow consumers by the very live updates that honest
 * subscribers of the same topic are being sent, on a real hub process with one event loop (so every
 * stream shares it): the cut streams leave without the honest ones missing a single update. Before the
 * fix, a stream closing in the middle of a delivery ended it for every stream after it (a
 * {@code ConcurrentModificationException}), which the load tool saw as ~1.5 % lost.
 */
class StreamsCutMidDeliveryTest {

    private static final int NON_READERS = 10;
    private static final int HONEST = 5;
    private static final int LIVE_UPDATES = 40;
    /** 8 MB of history: more than the kernel's socket buffers hold, so the replays never finish. */
    private static final int HISTORY = 64;
    private static final String HISTORY_PAYLOAD = "h".repeat(128 * 1024);
    /** 40 live updates of 16 KiB: each non-reader holds them until 256 KiB, then it is cut. */
    private static final String LIVE_PAYLOAD = "l".repeat(16 * 1024);
    private static final String STREAM = "/.well-known/mercure?topic="
            + URLEncoder.encode(ServerOptions.DEFAULT_DEMO_TOPIC, StandardCharsets.UTF_8);

    @TempDir
    Path data;

    private final HttpClient client = HttpClient.newHttpClient();
    private final List<Socket> nonReaders = new ArrayList<>();
    private HeraldProcess hub;

    @BeforeEach
    void startHubOnOneEventLoop() throws Exception {
        hub = HeraldProcess.startWithJvmOptions(List.of("-XX:ActiveProcessorCount=1"),
                "--transport", "store", "--data-dir", data.toString(), "--max-pending-bytes", "256KiB",
                "--max-replays", Integer.toString(NON_READERS));
        for (int i = 0; i < HISTORY; i++) {
            HeraldProcess.idOf(hub.send(client, i + " " + HISTORY_PAYLOAD));
        }
    }

    @AfterEach
    void stopHub() throws IOException {
        for (Socket nonReader : nonReaders) {
            nonReader.close();
        }
        hub.close();
    }

    @Test
    void honestSubscribersGetEveryUpdateWhileStreamsBesideThemAreCutByIt() throws Exception {
        openNonReadingReplays();
        List<SseRecorder> honest = new ArrayList<>();
        for (int i = 0; i < HONEST; i++) {
            honest.add(SseRecorder.open(client, hub.uri(STREAM), Map.of()));
        }
        List<String> published = new ArrayList<>();
        for (int i = 0; i < LIVE_UPDATES; i++) {
            published.add(HeraldProcess.idOf(hub.send(client, i + " " + LIVE_PAYLOAD)));
        }

        for (SseRecorder subscriber : honest) {
            try (subscriber) {
                List<String> received = subscriber.awaitEvents(LIVE_UPDATES).stream().map(SseEvent::lastEventId).toList();
                assertThat(received).as("every live update, once, in order").containsExactlyElementsOf(published);
            }
        }
        assertThat(disconnects("slow_consumer")).as("every non-reader was cut by the live updates it held")
                .isEqualTo(NON_READERS);
        assertThat(hub.output()).as("the hub logged no failure while it cut them")
                .noneMatch(line -> line.contains("Exception"));
    }

    /** Opens NON_READERS 'earliest' streams that never read, and waits until each has its headers. */
    private void openNonReadingReplays() throws IOException {
        for (int i = 0; i < NON_READERS; i++) {
            Socket socket = RawHttp.getAndNeverRead(hub.uri("/"), STREAM + "&lastEventID=earliest");
            nonReaders.add(socket);
            await("a replay to start").atMost(Duration.ofSeconds(10)).until(() -> socket.getInputStream().available() > 0);
        }
    }

    private double disconnects(String reason) {
        return HubMetrics.value(hub, "herald_disconnects_total{reason=\"" + reason + "\"}");
    }
}
