package dev.herald.server.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

/** A hub process's {@code /metrics}, read as a monitoring system would, and what its log says. */
public final class HubMetrics {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private HubMetrics() {
    }

    /** The samples of {@code /metrics} by name and labels. */
    public static Map<String, Double> scrape(HeraldProcess hub) {
        try {
            HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(hub.uri("/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new AssertionError("/metrics answered " + response.statusCode());
            }
            return PrometheusText.samples(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** One sample's value, 0 when absent. */
    public static double value(HeraldProcess hub, String nameAndLabels) {
        return scrape(hub).getOrDefault(nameAndLabels, 0.0);
    }

    /** The hub's log lines at ERROR, or lines of a stack trace. */
    public static List<String> errorsAndStackTraces(HeraldProcess hub) {
        return hub.output().stream()
                .filter(line -> line.contains(" ERROR ") || line.startsWith("\tat ") || line.startsWith("Caused by"))
                .toList();
    }
}
