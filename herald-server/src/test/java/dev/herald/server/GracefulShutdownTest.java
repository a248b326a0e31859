package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.client.sse.SseEvent;
import dev.herald.server.support.HeraldProcess;
import dev.herald.server.support.SseRecorder;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM on a real process with the durable store: streams are told to retry and end cleanly, the
 * process exits 0, and a restart replays every acknowledged update.
 */
class GracefulShutdownTest {

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @TempDir
    Path data;

    @Test
    void sigtermTellsStreamsToRetryEndsThemAndExitsZero() throws Exception {
        List<String> ids = new ArrayList<>();
        try (HeraldProcess hub = HeraldProcess.start("--shutdown-grace", "5s", "--data-dir", data.toString());
                SseRecorder stream = SseRecorder.open(client, hub.uri("/stream"), Map.of())) {
            for (int i = 0; i < 5; i++) {
                ids.add(HeraldProcess.idOf(hub.send(client, "m" + i)));
            }

            int exit = hub.terminate(Duration.ofSeconds(10));

            assertThat(exit).as("a graceful shutdown exits 0").isZero();
            stream.awaitEnd();
            assertThat(stream.events()).extracting(SseEvent::lastEventId)
                    .as("every acknowledged update reached the stream before it ended").containsExactlyElementsOf(ids);
            assertThat(stream.retries()).as("the stream was told when to reconnect").containsExactly(2000L);
            org.awaitility.Awaitility.await("the hub's last words").atMost(Duration.ofSeconds(5))
                    .untilAsserted(() -> assertThat(hub.output()).anyMatch(line -> line.contains("Herald stopped")));
        }
        try (HeraldProcess restarted = HeraldProcess.start("--data-dir", data.toString());
                SseRecorder replay = SseRecorder.open(client, restarted.uri("/stream"), Map.of("Last-Event-ID", "earliest"))) {
            assertThat(replay.awaitEvents(ids.size())).extracting(SseEvent::lastEventId)
                    .as("the store kept every acknowledged update through the shutdown").containsExactlyElementsOf(ids);
        }
    }
}
