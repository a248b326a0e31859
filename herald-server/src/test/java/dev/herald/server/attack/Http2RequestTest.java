package dev.herald.server.attack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.server.support.HeraldProcess;
import dev.herald.server.support.HonestTraffic;
import dev.herald.server.support.HubMetrics;
import dev.herald.server.support.Tokens;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Publishes over HTTP/2 (curl, by prior knowledge, uploading from a pipe): each stream passes the same
 * publisher gate and has its own body deadline, like an HTTP/1.1 request. (That the gate answers
 * before the body is read is shown on raw HTTP/1.1 sockets in {@link EarlyAuthorizationTest}; curl
 * reads the answer only once its upload ends, so here the pipe is closed once the hub has answered.)
 */
class Http2RequestTest {

    private final HeraldProcess hub = HeraldProcess.start("--transport", "memory", "--jwt-key", Tokens.SECRET,
            "--body-timeout", "1s");
    private final HonestTraffic honest = HonestTraffic.withPublisherToken(hub, Tokens.publisher("*"));
    private final List<Process> curls = new ArrayList<>();

    @AfterEach
    void stop() {
        curls.forEach(Process::destroyForcibly);
        honest.close();
        hub.close();
    }

    @Test
    void anUnauthorizedHttp2PublishIsAnswered401() throws Exception {
        Process curl = stalledPost("/send", null);

        String status = statusOnceUploadEnds(curl);

        assertThat(status).as("refused on the stream's head alone").isEqualTo("401");
        honest.publish(3);
        honest.assertNothingLost();
    }

    @Test
    void anHttp2PublishWhoseBodyStallsIsAnswered408() throws Exception {
        Process curl = stalledPost("/send", Tokens.publisher("*"));
        await("the stream's body deadline").atMost(Duration.ofSeconds(10)).until(() -> hub.output().stream()
                .anyMatch(line -> line.contains("no complete request body within 1 s; answered 408")));

        String status = statusOnceUploadEnds(curl);

        assertThat(status).as("the stream's body deadline passed").isEqualTo("408");
        assertThat(HubMetrics.value(hub, "herald_timeouts_total{kind=\"body\"}")).as("counted as a body timeout")
                .isEqualTo(1);
        honest.publish(3);
        honest.assertNothingLost();
    }

    /** POSTs over h2c with the start of a body from a pipe, and nothing more for now. */
    private Process stalledPost(String path, String token) throws IOException {
        List<String> command = new ArrayList<>(List.of("curl", "-s", "--http2-prior-knowledge", "-o", "/dev/null",
                "-w", "%{http_code}", "-X", "POST", "-H", "Content-Type: application/json", "-T", "-"));
        if (token != null) {
            command.addAll(List.of("-H", "Authorization: Bearer " + token));
        }
        command.add(hub.uri(path).toString());
        Process curl = new ProcessBuilder(command).start();
        curls.add(curl);
        OutputStream body = curl.getOutputStream();
        body.write("{\"message\": \"and then noth".getBytes(StandardCharsets.UTF_8));
        body.flush();
        return curl;
    }

    /** Ends curl's upload and returns the status it received. */
    private static String statusOnceUploadEnds(Process curl) throws IOException, InterruptedException {
        curl.getOutputStream().close();
        assertThat(curl.waitFor(10, TimeUnit.SECONDS)).as("curl finished").isTrue();
        return new String(curl.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
    }
}
