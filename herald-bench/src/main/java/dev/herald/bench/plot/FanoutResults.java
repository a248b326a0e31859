package dev.herald.bench.plot;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.bench.internal.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The fan-out runs of one or more {@code --json-out} files, grouped by label, rate and subscribers and
 * reduced to medians: what {@code ./bench plot} draws and prints. Lines of the other scenarios are
 * skipped, and so are fan-out runs without latency samples (nothing delivered after the warm-up): a
 * latency of 0 would be a claim, not a measurement.
 */
public final class FanoutResults {

    private static final Comparator<LatencyPoint> ORDER = Comparator.comparing(LatencyPoint::label)
            .thenComparingDouble(LatencyPoint::rate).thenComparingInt(LatencyPoint::subscribers);

    private final List<LatencyPoint> points;
    private final int skipped;

    private FanoutResults(List<LatencyPoint> points, int skipped) {
        this.points = List.copyOf(points);
        this.skipped = skipped;
    }

    /** Every line of the files, in order; blank lines are ignored. */
    public static FanoutResults read(List<Path> files) throws IOException {
        Runs runs = new Runs();
        for (Path file : files) {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                runs.add(lines.get(i), file + ":" + (i + 1));
            }
        }
        return runs.reduce();
    }

    /** The same from lines already read. */
    public static FanoutResults parse(List<String> lines) {
        Runs runs = new Runs();
        for (int i = 0; i < lines.size(); i++) {
            runs.add(lines.get(i), "line " + (i + 1));
        }
        return runs.reduce();
    }

    /** One per label, rate and subscriber count; ordered by label, then rate, then subscribers. */
    public List<LatencyPoint> points() {
        return points;
    }

    /** Lines that were not fan-out runs with latency samples. */
    public int skipped() {
        return skipped;
    }

    /** One series per label, and per rate too when the points have several rates. */
    public List<Series> series() {
        boolean severalRates = points.stream().mapToDouble(LatencyPoint::rate).distinct().count() > 1;
        Map<String, List<LatencyPoint>> byName = new LinkedHashMap<>();
        for (LatencyPoint point : points) {
            String name = severalRates ? point.label() + " @ " + Numbers.format(point.rate()) + "/s" : point.label();
            byName.computeIfAbsent(name, key -> new ArrayList<>()).add(point);
        }
        return byName.entrySet().stream().map(entry -> new Series(entry.getKey(), entry.getValue())).toList();
    }

    /** The points as an aligned text table, one line each, with a header. */
    public String table() {
        int labelWidth = Math.max("label".length(), points.stream().mapToInt(p -> p.label().length()).max().orElse(0));
        String row = "%-" + labelWidth + "s  %8s  %11s  %4s  %10s  %10s  %8s%n";
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, row,
                "label", "rate/s", "subscribers", "runs", "p50 ms", "p99 ms", "lost"));
        for (LatencyPoint p : points) {
            out.append(String.format(Locale.ROOT, row, p.label(), Numbers.format(p.rate()), p.subscribers(), p.runs(),
                    Numbers.format(p.p50Millis()), Numbers.format(p.p99Millis()), p.lost()));
        }
        return out.toString();
    }

    /** The median: the middle value, or the mean of the two middle ones. */
    static double median(List<Long> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no values to take the median of");
        }
        List<Long> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2.0;
    }

    /** One fan-out run's figures, latencies in µs as the report has them. */
    private record Run(long p50Micros, long p99Micros, long lost) {
    }

    private record Key(String label, double rate, int subscribers) {
    }

    /** Collects the runs line by line, then reduces each group to its medians. */
    private static final class Runs {
        private final Map<Key, List<Run>> groups = new LinkedHashMap<>();
        private int skipped;

        void add(String line, String where) {
            if (line.isBlank()) {
                return;
            }
            JsonNode report;
            try {
                report = Json.tree(line);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": not a --json-out line (" + e.getMessage() + ")", e);
            }
            JsonNode parameters = report.path("parameters");
            JsonNode latency = report.path("latency");
            if (!"fanout".equals(report.path("scenario").asText()) || latency.path("count").asLong() == 0) {
                skipped++;
                return;
            }
            if (!parameters.has("rate") || !parameters.has("subscribers") || !latency.has("p50") || !latency.has("p99")) {
                throw new IllegalArgumentException(where + ": a fan-out run without parameters.rate, "
                        + "parameters.subscribers, latency.p50 or latency.p99");
            }
            // Lines written before --label existed are told apart by the hub's URL.
            String label = parameters.has("label") ? parameters.get("label").asText() : parameters.path("url").asText("?");
            Key key = new Key(label, parameters.get("rate").asDouble(), parameters.get("subscribers").asInt());
            Run run = new Run(latency.get("p50").asLong(), latency.get("p99").asLong(),
                    report.path("deliveries").path("lost").asLong());
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(run);
        }

        FanoutResults reduce() {
            List<LatencyPoint> points = new ArrayList<>();
            groups.forEach((key, runs) -> points.add(new LatencyPoint(key.label(), key.rate(), key.subscribers(),
                    runs.size(), median(runs.stream().map(Run::p50Micros).toList()) / 1000.0,
                    median(runs.stream().map(Run::p99Micros).toList()) / 1000.0,
                    runs.stream().mapToLong(Run::lost).sum())));
            points.sort(ORDER);
            return new FanoutResults(points, skipped);
        }
    }
}
