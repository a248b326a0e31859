package dev.herald.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.client.sse.SseEvent;
import dev.herald.redis.FreezingProxy;
import dev.herald.redis.RedisProcess;
import dev.herald.server.support.HeraldProcess;
import dev.herald.server.support.HubMetrics;
import dev.herald.server.support.SseRecorder;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 17's chaos case on real processes: one node's stream reader stops while Redis stays reachable
 * (a proxy freezes the reader's connection, and only it: a half-open connection after a failover or a
 * NAT that forgot the flow). That node says it is not ready, why, and how far behind it is; the other
 * node stays ready all along; once the connection moves again the node is ready again by itself and
 * its subscribers got everything.
 */
class ReaderStoppedReadinessTest {

    /** A frozen read times out after the block and command timeouts (2 s each); then some slack. */
    private static final Duration NOTICED_WITHIN = Duration.ofSeconds(20);

    private final String prefix = "herald-test-" + UUID.randomUUID();
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final RedisProcess redis = RedisProcess.start();
    private final FreezingProxy proxy = FreezingProxy.to(redis.port());
    private final HeraldProcess a = node(proxy.uri());
    private final HeraldProcess b = node(redis.uri());
    /** Every answer B's /readyz gave while the test looked. */
    private final List<Integer> readinessOfB = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        a.close();
        b.close();
        proxy.close();
        redis.close();
    }

    private HeraldProcess node(String redisUri) {
        return HeraldProcess.start("--transport", "redis", "--redis-url", redisUri, "--redis-prefix", prefix,
                "--no-subscriptions");
    }

    @Test
    void aNodeWhoseReaderStoppedIsNotReadyWhileTheOtherStaysReadyAndIsReadyAgainByItselfOnceItReads()
            throws Exception {
        try (SseRecorder onA = SseRecorder.open(client, a.uri("/stream"), Map.of())) {
            String before = HeraldProcess.idOf(b.send(client, "before"));
            onA.awaitEvents(1);

            proxy.freezeConnectionsThatSent("XREAD");
            assertThat(proxy.frozenConnections()).as("A's reader connection, and only it").isEqualTo(1);

            await("A to say it is not ready").atMost(NOTICED_WITHIN).until(() -> lookAtB() && readyz(a).statusCode() == 503);
            assertThat(readyz(a).body()).as("the reason, on one line")
                    .startsWith("the stream reader cannot read from Redis: ").endsWith("\n").hasLineCount(1);
            assertThat(readyz(a).headers().firstValue("Content-Type")).contains("text/plain; charset=utf-8");
            assertThat(status(a, "/healthz")).as("A is alive all the same").isEqualTo(200);
            String during = HeraldProcess.idOf(b.send(client, "published on B while A cannot read"));
            await("A's lag to show at /metrics").atMost(NOTICED_WITHIN).until(() -> lookAtB()
                    && HubMetrics.value(a, "herald_redis_reader_lag") >= 1
                    && HubMetrics.value(a, "herald_reader_lag_seconds") > 0);
            assertThat(HubMetrics.value(a, "herald_ready")).as("A's ready gauge").isZero();
            assertThat(HubMetrics.value(b, "herald_ready")).as("B's ready gauge").isOne();

            proxy.thaw();

            await("A to be ready again by itself").atMost(NOTICED_WITHIN)
                    .until(() -> lookAtB() && readyz(a).statusCode() == 200);
            assertThat(onA.awaitEvents(2).stream().map(SseEvent::lastEventId).toList())
                    .as("A's subscriber got what was published while A could not read, once, in order")
                    .containsExactly(before, during);
            await("A's lag back to 0").atMost(NOTICED_WITHIN)
                    .until(() -> HubMetrics.value(a, "herald_reader_lag_seconds") == 0);
            assertThat(readinessOfB).as("B answered /readyz while A was down, and was ready every time")
                    .isNotEmpty().containsOnly(200);
        }
    }

    /** Records B's readiness at each poll of a wait; always true, so it can lead an until condition. */
    private boolean lookAtB() throws IOException, InterruptedException {
        readinessOfB.add(readyz(b).statusCode());
        return true;
    }

    private HttpResponse<String> readyz(HeraldProcess node) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(node.uri("/readyz")).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private int status(HeraldProcess node, String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(node.uri(path)).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }
}
