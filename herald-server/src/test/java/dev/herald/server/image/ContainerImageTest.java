package dev.herald.server.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.client.sse.SseEvent;
import dev.herald.server.support.MercureClient;
import dev.herald.server.support.SseRecorder;
import dev.herald.server.support.Tokens;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The repository's {@code Dockerfile}, built and run as a user would: a container with a volume on
 * {@code /data}, publishes with a JWT, a restart that keeps the history, a stop by SIGTERM.
 *
 * <p>Needs a Docker engine and the base images to build from, named by two system properties
 * ({@code ./test.sh} prepares both: {@code herald-server/src/test/docker/bases.sh} builds them from
 * Debian's packages where no registry can be reached); skipped without them.
 */
@EnabledIfSystemProperty(named = ContainerImageTest.BUILD_IMAGE, matches = ".+",
        disabledReason = "no Docker engine prepared: ./test.sh runs this test when it can start one")
class ContainerImageTest {

    static final String BUILD_IMAGE = "herald.image.build-image";
    static final String RUNTIME_IMAGE = "herald.image.runtime-image";
    private static final String IMAGE = "herald-test/herald:latest";
    /** A cold build downloads every dependency from Maven Central: minutes on a busy machine. */
    private static final Duration BUILD = Duration.ofMinutes(20);
    private static final String TOPIC = "https://example.com/books/1";

    /** A fresh secret: the image refuses the well-known example secrets on 0.0.0.0, rightly. */
    private static final String SECRET = randomSecret();

    private static Docker docker;
    private HubContainer hub;

    @BeforeAll
    static void buildTheImage(@TempDir Path work) {
        Path root = Path.of("").toAbsolutePath().getParent();
        assertThat(root.resolve("Dockerfile")).as("the repository's Dockerfile is beside the modules").exists();
        docker = new Docker(work);
        docker.ok(BUILD, "build", "--network", "host",
                "--build-arg", "BUILD_IMAGE=" + System.getProperty(BUILD_IMAGE),
                "--build-arg", "RUNTIME_IMAGE=" + System.getProperty(RUNTIME_IMAGE),
                "--tag", IMAGE, root.toString());
    }

    @AfterEach
    void removeTheContainer() {
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    void runsAsTheUnprivilegedHeraldUser() {
        hub = HubContainer.start(docker, IMAGE, SECRET);

        assertThat(hub.exec("id", "-u")).as("the hub runs as uid 10001, not root").isEqualTo("10001");
    }

    @Test
    void healthCheckReportsHealthyOnceTheHubIsReady() {
        hub = HubContainer.start(docker, IMAGE, SECRET);

        // The check's first run is one interval (10 s) after the start.
        await("the health check to pass").atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertThat(hub.inspect("{{.State.Health.Status}}"))
                        .as("docker reports the container healthy").isEqualTo("healthy"));
    }

    @Test
    void anUpdatePublishedBeforeARestartIsReplayedFromTheVolume() throws Exception {
        hub = HubContainer.start(docker, IMAGE, SECRET);
        String id = publish("kept on the volume");

        hub.restart();

        try (SseRecorder stream = subscribe(Map.of("Last-Event-ID", "earliest"))) {
            SseEvent replayed = stream.awaitEvents(1).get(0);
            assertThat(replayed.lastEventId()).as("the replay starts with the update published before the restart")
                    .isEqualTo(id);
            assertThat(replayed.data()).as("the replayed update's data is what was published")
                    .isEqualTo("kept on the volume");
        }
    }

    @Test
    void sigtermEndsStreamsWithARetryAndStopsTheHubCleanly() {
        hub = HubContainer.start(docker, IMAGE, SECRET);

        try (SseRecorder stream = subscribe(Map.of())) {
            hub.stop();

            stream.awaitEnd();
            assertThat(stream.retries()).as("the stream is told to come back in 2 s before it ends")
                    .containsExactly(2000L);
        }
        assertThat(hub.inspect("{{.State.ExitCode}}")).as("the hub exits with status 0 on SIGTERM").isEqualTo("0");
        List<String> logs = hub.logs();
        assertThat(logs.get(logs.size() - 1)).as("the hub's last log line says it stopped: %s", logs)
                .endsWith(" Herald stopped");
    }

    private String publish(String data) throws Exception {
        String token = Tokens.sign(Map.of("publish", List.of("*")), null, SECRET);
        HttpResponse<String> response = hub.client().send(HttpRequest.newBuilder(hub.uri(MercureClient.PATH))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(MercureClient.form(
                                List.of(Map.entry("topic", TOPIC), Map.entry("data", data))))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("the hub accepts a publish with a token signed by its key: %s",
                response.body()).isEqualTo(200);
        return response.body();
    }

    private SseRecorder subscribe(Map<String, String> headers) {
        Map<String, String> withToken = new HashMap<>(headers);
        withToken.put("Authorization", "Bearer " + Tokens.sign(Map.of("subscribe", List.of("*")), null, SECRET));
        SseRecorder stream = SseRecorder.open(hub.client(), hub.uri(MercureClient.PATH + "?" + MercureClient.query(TOPIC)),
                withToken);
        assertThat(stream.status()).as("the hub accepts the subscription").isEqualTo(200);
        return stream;
    }

    private static String randomSecret() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
