package dev.herald.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.client.sse.SseEvent;
import dev.herald.redis.RedisProcess;
import dev.herald.server.support.HeraldProcess;
import dev.herald.server.support.SseRecorder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Faults with real processes: Redis going away and coming back, a node killed with SIGKILL. */
class ClusterFaultTest {

    private final String prefix = "herald-test-" + UUID.randomUUID();
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final List<AutoCloseable> running = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable process : running) {
            process.close();
        }
    }

    private HeraldProcess node(String redisUri) {
        HeraldProcess node = HeraldProcess.start("--transport", "redis", "--redis-url", redisUri,
                "--redis-prefix", prefix, "--no-subscriptions");
        running.add(node);
        return node;
    }

    private HttpResponse<String> send(HeraldProcess node, String message) throws Exception {
        return node.send(client, message);
    }

    private static String id(HttpResponse<String> sent) {
        return HeraldProcess.idOf(sent);
    }

    private int status(HeraldProcess node, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(node.uri(path)).GET().build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    @Test
    void whileRedisIsDownPublishesAnswer503StreamsStayAndEverythingResumesWhenItIsBack() throws Exception {
        RedisProcess redis = RedisProcess.start();
        running.add(redis);
        HeraldProcess a = node(redis.uri());
        HeraldProcess b = node(redis.uri());
        try (SseRecorder onB = SseRecorder.open(client, b.uri("/stream"), Map.of())) {
            String before = id(send(a, "before"));
            onB.awaitEvents(1);

            redis.stop();
            await("A to notice").atMost(Duration.ofSeconds(15)).until(() -> status(a, "/readyz") == 503);
            HttpResponse<String> refused = send(a, "while down");
            assertThat(refused.statusCode()).as("never 200 for an update that was not stored").isEqualTo(503);
            assertThat(refused.headers().firstValue("Retry-After")).as("Redis reconnects within 2 s").hasValue("1");
            assertThat(status(a, "/healthz")).as("alive all the same").isEqualTo(200);

            redis.startAgain();
            await("A ready again").atMost(Duration.ofSeconds(20)).until(() -> status(a, "/readyz") == 200);
            await("B ready again").atMost(Duration.ofSeconds(20)).until(() -> status(b, "/readyz") == 200);
            String after = id(send(a, "after"));

            onB.awaitEvents(2);
            assertThat(onB.ids()).as("the stream on B stayed open and got the update published on A after the outage")
                    .containsExactly(before, after);
            assertThat(onB.ended()).isFalse();
        }
    }

    /**
     * Redis keeps what it acknowledged here (append-only file, fsync always): Herald's acknowledgement is
     * only as durable as Redis makes it, and a Redis that loses its data takes unread updates with it.
     */
    @Test
    void publishersRunningThroughARedisRestartGetAnAnswerForEveryPublishAndEveryAcknowledgedUpdateArrivesOnce(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path redisData) throws Exception {
        RedisProcess redis = RedisProcess.startPersistent(redisData);
        running.add(redis);
        HeraldProcess a = node(redis.uri());
        HeraldProcess b = node(redis.uri());
        List<String> acknowledged = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.concurrent.atomic.AtomicInteger refused = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicBoolean publishing = new java.util.concurrent.atomic.AtomicBoolean(true);
        try (SseRecorder onB = SseRecorder.open(client, b.uri("/stream"), Map.of())) {
            java.util.concurrent.ExecutorService publishers = java.util.concurrent.Executors.newFixedThreadPool(4);
            List<java.util.concurrent.Future<Object>> results = new ArrayList<>();
            for (int p = 0; p < 4; p++) {
                int publisher = p;
                results.add(publishers.submit(() -> {
                    for (int n = 0; publishing.get(); n++) {
                        HttpResponse<String> sent = send(a, "p" + publisher + "-" + n);
                        if (sent.statusCode() == 200) {
                            acknowledged.add(id(sent));
                        } else {
                            assertThat(sent.statusCode()).as("a publish that was not stored says so").isEqualTo(503);
                            refused.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> acknowledged.size() >= 50);
            redis.stop();
            await("refusals while Redis is down").atMost(Duration.ofSeconds(20)).until(() -> refused.get() >= 10);
            redis.startAgain();
            int before = acknowledged.size();
            await("publishes acknowledged again").atMost(Duration.ofSeconds(30)).until(() -> acknowledged.size() >= before + 50);
            publishing.set(false);
            publishers.shutdown();
            assertThat(publishers.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            for (java.util.concurrent.Future<Object> result : results) {
                result.get(); // rethrows what a publisher thread asserted or met
            }

            await("every acknowledged update on B").atMost(Duration.ofSeconds(30))
                    .until(() -> onB.ids().containsAll(acknowledged));
            assertThat(onB.ids()).as("each acknowledged update once").doesNotHaveDuplicates();
            assertThat(onB.ended()).as("the stream stayed open through the restart").isFalse();
        }
    }

    /**
     * Redis stalls past the command timeout without dropping connections (CLIENT PAUSE): the publish gets
     * a 503 that says it may still have been stored, and it was: Redis ran it once the pause ended.
     */
    @Test
    void aPublishRedisDoesNotAnswerInTimeIsA503SayingItMayStillBeStoredAndItIsDeliveredAfterThePause()
            throws Exception {
        RedisProcess redis = RedisProcess.start();
        running.add(redis);
        HeraldProcess a = node(redis.uri());
        HeraldProcess b = node(redis.uri());
        try (SseRecorder onB = SseRecorder.open(client, b.uri("/stream"), Map.of())) {
            String before = id(send(a, "before")); // Redis knows the script from then on: one EVALSHA, run late
            onB.awaitEvents(1);

            pause(redis, Duration.ofSeconds(4)); // twice the nodes' command timeout
            HttpResponse<String> stalled = send(a, "stalled");

            assertThat(stalled.statusCode()).isEqualTo(503);
            assertThat(stalled.headers().firstValue("Retry-After")).hasValue("1");
            assertThat(stalled.body()).contains("the update may still have been stored");
            assertThat(onB.awaitEvents(2)).as("Redis ran it when the pause ended").extracting(SseEvent::data)
                    .element(1).asString().startsWith("stalled");
            assertThat(onB.ids()).first().isEqualTo(before);
        }
    }

    private static void pause(RedisProcess redis, Duration duration) throws Exception {
        Process cli = new ProcessBuilder("redis-cli", "-p", Integer.toString(redis.port()), "CLIENT", "PAUSE",
                Long.toString(duration.toMillis()), "ALL").redirectErrorStream(true).start();
        assertThat(cli.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)).as("redis-cli answered").isTrue();
        assertThat(new String(cli.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip())
                .isEqualTo("OK");
    }

    @Test
    void theSubscribersOfANodeKilledWithSigkillResumeOnAnotherWithoutLoss() throws Exception {
        HeraldProcess a = node(redisOnTheMachine());
        HeraldProcess b = node(redisOnTheMachine());
        List<String> ids = new ArrayList<>();
        String lastSeen;
        try (SseRecorder onA = SseRecorder.open(client, a.uri("/stream"), Map.of())) {
            ids.add(id(send(b, "one")));
            ids.add(id(send(a, "two")));
            lastSeen = onA.awaitEvents(2).get(1).lastEventId();
            a.kill();
            onA.awaitEnd();
        }
        ids.add(id(send(b, "while A is dead")));
        try (SseRecorder onB = SseRecorder.open(client, b.uri("/stream"), Map.of("Last-Event-ID", lastSeen))) {
            ids.add(id(send(b, "live")));
            onB.awaitEvents(2);
            assertThat(onB.ids()).as("what the client missed once, then live").containsExactlyElementsOf(ids.subList(2, 4));
        }
    }

    private static String redisOnTheMachine() {
        return "redis://127.0.0.1:6379";
    }
}
