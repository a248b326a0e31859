package dev.herald.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.redis.RedisClusterProcess;
import dev.herald.server.support.HeraldProcess;
import dev.herald.server.support.SseRecorder;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two Herald processes on a real Redis Cluster of three masters, started the way an operator would
 * ({@code --transport redis --redis-url redis-cluster://host:port,...}): they serve one hub.
 */
class RedisClusterTest {

    private final RedisClusterProcess redis = RedisClusterProcess.start(3, 0, Duration.ofSeconds(5));
    private final String prefix = "herald-test-" + UUID.randomUUID();
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final List<HeraldProcess> nodes = new ArrayList<>();

    @AfterEach
    void stop() {
        nodes.forEach(HeraldProcess::close);
        redis.close();
    }

    private HeraldProcess node() {
        HeraldProcess node = HeraldProcess.start("--transport", "redis", "--redis-url", redis.uri(),
                "--redis-prefix", prefix, "--no-subscriptions");
        nodes.add(node);
        return node;
    }

    @Test
    void updatesPublishedOnOneNodeAreStreamedByTheOtherAndReplayedAfterALastEventId() throws Exception {
        HeraldProcess a = node();
        HeraldProcess b = node();
        List<String> ids = new ArrayList<>();
        try (SseRecorder onB = SseRecorder.open(client, b.uri("/stream"), Map.of())) {
            for (int i = 0; i < 3; i++) {
                ids.add(HeraldProcess.idOf(a.send(client, "m" + i)));
            }
            onB.awaitEvents(ids.size());
            assertThat(onB.ids()).as("the other node streams every update, in order, with the same ids")
                    .containsExactlyElementsOf(ids);
        }
        try (SseRecorder resumed = SseRecorder.open(client, a.uri("/stream"), Map.of("Last-Event-ID", ids.get(0)))) {
            resumed.awaitEvents(2);
            assertThat(resumed.ids()).as("a subscriber resuming on the first node gets what came after its id")
                    .containsExactlyElementsOf(ids.subList(1, 3));
        }
    }
}
