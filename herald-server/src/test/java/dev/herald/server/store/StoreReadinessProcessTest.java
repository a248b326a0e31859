package dev.herald.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.client.sse.SseEvent;
import dev.herald.server.support.HeraldProcess;
import dev.herald.server.support.SseRecorder;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hub on the durable store whose disk stops taking writes, for real: its process's file-size limit
 * (RLIMIT_FSIZE) is lowered to one byte from outside with {@code prlimit}, so every write SQLite makes
 * fails (EFBIG; the JVM ignores SIGXFSZ), as on a full or read-only disk, for that process alone. The
 * hub refuses publishes, says it is not ready and why, and is ready again by itself, without a publish,
 * once the limit is lifted; nothing acknowledged is lost, nothing refused is delivered.
 */
class StoreReadinessProcessTest {

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private HeraldProcess hub;

    @AfterEach
    void stop() {
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    void aHubWhoseDiskRefusesWritesIsNotReadyAndIsReadyAgainByItselfOnceItTakesThem(@TempDir Path data)
            throws Exception {
        Assumptions.assumeTrue(onPath("prlimit"), "prlimit is not installed (Debian package util-linux)");
        hub = HeraldProcess.start("--transport", "store", "--data-dir", data.toString());
        try (SseRecorder subscriber = SseRecorder.open(client, hub.uri("/stream"), Map.of())) {
            String before = HeraldProcess.idOf(hub.send(client, "before"));
            subscriber.awaitEvents(1);

            limitFileSize("1");
            HttpResponse<String> refused = hub.send(client, "while the disk refuses writes");

            assertThat(refused.statusCode()).as("a publish the store could not commit says so").isEqualTo(503);
            HttpResponse<String> notReady = readyz();
            assertThat(notReady.statusCode()).as("/readyz while commits fail").isEqualTo(503);
            assertThat(notReady.body()).as("the reason, on one line")
                    .startsWith("the store cannot commit: ").endsWith("\n").hasLineCount(1);
            assertThat(status("/healthz")).as("alive all the same").isEqualTo(200);

            limitFileSize("unlimited");

            await("ready again, without a publish").atMost(Duration.ofSeconds(15))
                    .until(() -> readyz().statusCode() == 200);
            String after = HeraldProcess.idOf(hub.send(client, "after"));
            assertThat(subscriber.awaitEvents(2).stream().map(SseEvent::lastEventId).toList())
                    .as("what was acknowledged, once each; nothing of the refused publish")
                    .containsExactly(before, after);
        }
    }

    /** Sets the hub process's soft file-size limit (bytes, or "unlimited"); the hard limit stays. */
    private void limitFileSize(String bytes) throws IOException, InterruptedException {
        Process prlimit = new ProcessBuilder("prlimit", "--pid", Long.toString(hub.process().pid()),
                "--fsize=" + bytes + ":").redirectErrorStream(true).start();
        assertThat(prlimit.waitFor(10, TimeUnit.SECONDS)).as("prlimit finishes").isTrue();
        assertThat(prlimit.exitValue()).as("prlimit: %s",
                new String(prlimit.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();
    }

    private HttpResponse<String> readyz() throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(hub.uri("/readyz")).build(), HttpResponse.BodyHandlers.ofString());
    }

    private int status(String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(hub.uri(path)).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private static boolean onPath(String command) {
        for (String directory : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(directory, command))) {
                return true;
            }
        }
        return false;
    }
}
