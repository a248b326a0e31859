package dev.herald.server.monitoring;

import dev.herald.server.support.HeraldProcess;
import dev.herald.server.support.HubMetrics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The metric names real hubs export, as Prometheus would scrape them: one on the durable store (the
 * default) and one on Redis (its transport's own metrics), each having published a few updates so
 * every series exists. What the Grafana dashboard and the alert rules may use.
 */
final class ExportedMetrics {

    /**
     * Names no hub exports, by design: Prometheus's own {@code up} per scraped target, and the
     * blackbox exporter's {@code probe_success}, which is how /readyz reaches Prometheus.
     */
    static final Set<String> FROM_PROMETHEUS = Set.of("up", "probe_success");

    private ExportedMetrics() {
    }

    static Set<String> scrape(Path dataDirectory) {
        Set<String> names = new TreeSet<>();
        try (HeraldProcess store = HeraldProcess.start("--transport", "store", "--data-dir", dataDirectory.toString());
             HeraldProcess redis = HeraldProcess.start("--transport", "redis",
                     "--redis-prefix", "herald-test-" + UUID.randomUUID(), "--no-subscriptions")) {
            for (HeraldProcess hub : Set.of(store, redis)) {
                publishAFew(hub);
                HubMetrics.scrape(hub).keySet().forEach(sample -> names.add(sample.replaceFirst("\\{.*", "")));
            }
        }
        return names;
    }

    private static void publishAFew(HeraldProcess hub) {
        HttpClient client = HttpClient.newHttpClient();
        try {
            for (int i = 0; i < 3; i++) {
                HeraldProcess.idOf(hub.send(client, "update " + i));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
