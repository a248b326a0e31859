package dev.herald.server.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.server.support.PrometheusText;
import dev.herald.server.support.RunningHub;
import dev.herald.server.support.SseRecorder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** /metrics in the Prometheus text format, and /healthz, /readyz, as a monitoring system reads them. */
class MetricsTest {

    private final RunningHub hub = RunningHub.start();

    @AfterEach
    void stop() {
        hub.close();
    }

    private HttpResponse<String> get(String path) {
        return hub.request(HttpRequest.newBuilder(hub.uri(path)).GET().build());
    }

    /** The samples of /metrics by name and labels; every line must parse. */
    private Map<String, Double> scrape() {
        HttpResponse<String> response = get("/metrics");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/plain; version=0.0.4"));
        return PrometheusText.samples(response.body());
    }

    @Test
    void metricsParseAsPrometheusTextAndCountersMoveWithAPublish() {
        try (SseRecorder first = hub.stream(); SseRecorder second = hub.stream()) {
            Map<String, Double> before = scrape();
            hub.send("counted");
            first.awaitEvents(1);
            second.awaitEvents(1);

            Map<String, Double> after = scrape();
            assertThat(after.get("herald_updates_published_total") - before.get("herald_updates_published_total"))
                    .as("one update published").isEqualTo(1.0);
            assertThat(after.get("herald_updates_delivered_total") - before.get("herald_updates_delivered_total"))
                    .as("delivered to both streams").isEqualTo(2.0);
            assertThat(after.get("herald_subscribers")).isEqualTo(2.0);
            assertThat(after.get("herald_subscriptions{kind=\"exact\"}")).isEqualTo(2.0);
            assertThat(after.get("herald_dispatch_latency_seconds_count")).isGreaterThanOrEqualTo(1.0);
            assertThat(after.keySet()).anyMatch(name -> name.startsWith("jvm_memory_used_bytes"));
            assertThat(after.keySet()).as("no store, no store metrics")
                    .noneMatch(name -> name.startsWith("herald_store_"));
        }
    }

    @Test
    void disconnectsAreCountedByReason() {
        hub.stream().close();
        org.awaitility.Awaitility.await().until(() -> scrape().get("herald_disconnects_total{reason=\"client_gone\"}") == 1.0);
        assertThat(scrape().get("herald_subscribers")).isZero();
    }

    @Test
    void healthAndReadinessAnswer200WhileServing() {
        for (String path : List.of("/healthz", "/readyz")) {
            assertThat(get(path).statusCode()).as(path).isEqualTo(200);
        }
    }

    @Test
    void theReadyGaugeFollowsReadinessAndAMemoryHubNeverLags() {
        hub.send("delivered as it is appended");

        Map<String, Double> samples = scrape();
        assertThat(samples.get("herald_ready")).as("ready, as /readyz says").isEqualTo(1.0);
        assertThat(samples.get("herald_reader_lag_seconds")).as("memory delivers under the append's lock").isZero();
    }
}
