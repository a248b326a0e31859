package dev.herald.bench.cli;

import dev.herald.bench.SoakReport;
import dev.herald.bench.internal.Json;
import dev.herald.bench.plot.FanoutResults;
import dev.herald.bench.plot.LatencyChart;
import dev.herald.bench.plot.SoakChart;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code plot}: the fan-out runs of {@code --json-out} files as one PNG chart, latency against
 * subscribers, and the table it drew; or, when the files hold a soak's line, the last soak's samples
 * over time (what {@code soak --plot} draws).
 */
@Command(name = "plot", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 120,
        description = "Draws the fan-out runs of --json-out files as one PNG: p50 and p99 publish-to-receive latency "
                + "(ms, log scale) against subscribers, one series per --label (and per --rate when there are several); "
                + "runs with the same label, rate and subscribers are reduced to their median. Prints the table drawn. "
                + "When the files hold soak lines, draws the last soak's samples over time instead.",
        footer = {"%nExample:", "  ./bench plot --out docs/fanout-latency.png results.jsonl"})
final class PlotCommand implements Callable<Integer> {

    @Option(names = "--out", paramLabel = "PNG", required = true, description = "The chart to write (PNG).")
    Path out;

    @Option(names = "--title", paramLabel = "TEXT", defaultValue = LatencyChart.DEFAULT_TITLE,
            description = "Above the chart. Default: ${DEFAULT-VALUE}.")
    String title;

    @Option(names = "--width", paramLabel = "PIXELS", defaultValue = "" + LatencyChart.DEFAULT_WIDTH,
            description = "Default: ${DEFAULT-VALUE}.")
    int width;

    @Option(names = "--height", paramLabel = "PIXELS", defaultValue = "" + LatencyChart.DEFAULT_HEIGHT,
            description = "Default: ${DEFAULT-VALUE}.")
    int height;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "JSON-lines files written with --json-out.")
    List<Path> files;

    @Override
    public Integer call() throws Exception {
        // Before any AWT class loads: no display is needed, or wanted, to draw into an image.
        System.setProperty("java.awt.headless", "true");
        SoakReport soak = lastSoak(files);
        if (soak != null) {
            new SoakChart(width == LatencyChart.DEFAULT_WIDTH ? SoakChart.DEFAULT_WIDTH : width,
                    height == LatencyChart.DEFAULT_HEIGHT ? SoakChart.DEFAULT_HEIGHT : height).write(soak, out);
            System.out.println("herald-bench plot: the soak of " + soak.date() + " (" + soak.samples().size()
                    + " samples); wrote " + out);
            return 0;
        }
        LatencyChart chart = new LatencyChart(title, width, height);
        FanoutResults results = FanoutResults.read(files);
        if (results.points().isEmpty()) {
            throw new IllegalArgumentException("no fan-out run with latency samples in " + files
                    + " (" + results.skipped() + " other line(s) skipped)");
        }
        chart.write(results.series(), out);
        PrintStream stdout = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        stdout.print(results.table());
        stdout.println("herald-bench plot: " + results.points().size() + " point(s) from " + files.size() + " file(s), "
                + results.skipped() + " line(s) skipped (not fan-out, or no latency samples); wrote " + out);
        return 0;
    }

    /** The last soak line of the files, or null when they hold none (then they are fan-out runs). */
    private static SoakReport lastSoak(List<Path> files) throws java.io.IOException {
        SoakReport last = null;
        for (Path file : files) {
            for (String line : java.nio.file.Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.isBlank() && "soak".equals(Json.tree(line).path("scenario").asText())) {
                    last = Json.read(line, SoakReport.class);
                }
            }
        }
        return last;
    }
}
