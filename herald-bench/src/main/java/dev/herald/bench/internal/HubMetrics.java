package dev.herald.bench.internal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one labelled counter from a hub's Prometheus text ({@code /metrics}): the tool asks the hub
 * what it did (streams it cut, and why), which the clients cannot always tell (a cut subscriber that
 * does not read does not notice it was cut).
 */
public final class HubMetrics {

    private HubMetrics() {
    }

    /** GETs {@code /metrics} of the hub; throws when it does not answer 200 within {@code timeout}. */
    public static String scrape(URI hub, Duration timeout) throws InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(timeout).build();
        try {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(hub.resolve("/metrics")).timeout(timeout)
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("the hub's /metrics answered " + response.statusCode());
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the hub's /metrics: " + e.getMessage(), e);
        }
    }

    /**
     * The values of {@code name} by its {@code label}, e.g. {@code herald_disconnects_total} by
     * {@code reason}: {@code name{label="value"} 12.0} lines (other labels may come first or after).
     */
    public static Map<String, Long> byLabel(String text, String name, String label) {
        Pattern line = Pattern.compile("^" + Pattern.quote(name) + "\\{[^}]*\\b" + Pattern.quote(label)
                + "=\"([^\"]*)\"[^}]*}\\s+([0-9.eE+-]+)\\s*$", Pattern.MULTILINE);
        Map<String, Long> values = new TreeMap<>();
        Matcher matcher = line.matcher(text);
        while (matcher.find()) {
            values.merge(matcher.group(1), Math.round(Double.parseDouble(matcher.group(2))), Long::sum);
        }
        return values;
    }
}
