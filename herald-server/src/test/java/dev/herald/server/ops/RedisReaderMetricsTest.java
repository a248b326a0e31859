package dev.herald.server.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.client.sse.SseEvent;
import dev.herald.server.AdminListen;
import dev.herald.server.HistoryOptions;
import dev.herald.server.ServerOptions;
import dev.herald.server.support.PrometheusText;
import dev.herald.server.support.RunningHub;
import dev.herald.server.support.SseRecorder;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Redis transport's reader, as an operator sees it (the machine's Redis on 127.0.0.1:6379, a key
 * prefix of this test's own): its lag and recoveries at {@code /metrics} and on the dashboard.
 */
class RedisReaderMetricsTest {

    private final RunningHub hub = RunningHub.start(ServerOptions.builder()
            .history(HistoryOptions.redis(HistoryOptions.DEFAULT_REDIS_URI, "herald-test-" + UUID.randomUUID()))
            .admin(Optional.of(AdminListen.loopback(0))).build());

    @AfterEach
    void stop() {
        hub.close();
    }

    @Test
    void aCaughtUpReaderReportsNoLagAndNoRecoveries() {
        try (SseRecorder subscriber = hub.stream()) {
            hub.send("read back by this node's reader");
            subscriber.awaitEvents(1);

            Map<String, Double> samples = PrometheusText.samples(hub.request(HttpRequest.newBuilder(
                    adminUri("/metrics")).build()).body());
            assertThat(samples.get("herald_redis_reader_lag")).as("the reader delivered what this node appended")
                    .isEqualTo(0.0);
            assertThat(samples.get("herald_redis_reader_recoveries_total")).as("Redis never failed it").isEqualTo(0.0);
        }
    }

    @Test
    void theDashboardShowsTheReadersLagAndRecoveries() {
        try (SseRecorder stats = SseRecorder.open(hub.client(), adminUri("/dashboard/stats"), Map.of())) {
            JsonNode point = RunningHub.json(stats.awaitEvents(1).stream().map(SseEvent::data).findFirst().orElseThrow());

            assertThat(point.get("redis").get("lag").asLong()).as("a point carries the reader's lag").isZero();
            assertThat(point.get("redis").get("recoveries").asLong()).isZero();
            assertThat(point.has("store")).as("no store on Redis: no commit charts").isFalse();
        }
    }

    private URI adminUri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + hub.server().adminAddress().orElseThrow().getPort() + pathAndQuery);
    }
}
