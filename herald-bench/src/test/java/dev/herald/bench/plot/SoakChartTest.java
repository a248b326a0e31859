package dev.herald.bench.plot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.bench.SoakReport;
import dev.herald.bench.SoakSample;
import dev.herald.bench.SoakSeries;
import dev.herald.bench.SoakVerdict;
import dev.herald.bench.internal.Json;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The soak's chart: a panel per series over time, drawn from the report or from its JSON line. */
class SoakChartTest {

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    @Test
    void hasAPanelPerJudgedSeriesAndOneForTheToolsStreams() {
        List<SoakChart.Panel> panels = SoakChart.panels(report());

        assertThat(panels).extracting(SoakChart.Panel::title).containsExactly("live heap after GC (MiB)",
                "resident memory (MiB)", "open descriptors", "threads", "store files (MiB)",
                "the tool's open streams (not judged)");
        assertThat(panels.get(0).points()).as("one point per sample").hasSize(16);
        assertThat(panels.get(0).check()).as("the heap's check, to draw its baseline and limit").isNotNull();
        assertThat(panels.get(5).check()).isNull();
    }

    @Test
    void drawsTheReportReadBackFromItsJsonLine(@TempDir Path directory) throws Exception {
        SoakReport read = Json.read(Json.line(report()), SoakReport.class);
        Path png = directory.resolve("soak.png");

        new SoakChart(SoakChart.DEFAULT_WIDTH, SoakChart.DEFAULT_HEIGHT).write(read, png);

        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(read.samples()).isEqualTo(report().samples());
        assertThat(image.getWidth()).isEqualTo(SoakChart.DEFAULT_WIDTH);
        assertThat(image.getHeight()).isEqualTo(SoakChart.DEFAULT_HEIGHT);
        assertThat(Files.size(png)).as("a chart, not a blank image").isGreaterThan(10_000);
    }

    @Test
    void gridStepsAreOneTwoOrFiveTimesAPowerOfTen() {
        assertThat(SoakChart.niceStep(0.7)).isEqualTo(1.0);
        assertThat(SoakChart.niceStep(13)).isEqualTo(20.0);
        assertThat(SoakChart.niceStep(36)).isEqualTo(50.0);
        assertThat(SoakChart.niceStep(51)).isEqualTo(100.0);
    }

    /** A minute of samples every 4 s: a flat hub whose store fills in the warm-up. */
    private static SoakReport report() {
        List<SoakSample> samples = new ArrayList<>();
        for (int t = 0; t < 64; t += 4) {
            samples.add(new SoakSample(t, 11_000_000L + t * 100, 160_000 + t * 50, 80 + t % 3, 28,
                    Math.min(t, 16) * 300_000L, t * 200_000L, 40 + t % 5));
        }
        List<SoakVerdict.SeriesCheck> series = new ArrayList<>();
        for (SoakSeries each : SoakSeries.values()) {
            series.add(SoakVerdict.flat(each, samples, 20, 0.05, true));
        }
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("durationSeconds", 60);
        parameters.put("warmupSeconds", 20);
        parameters.put("rate", 50.0);
        parameters.put("keepers", 10);
        parameters.put("cyclers", 20);
        parameters.put("stallers", 4);
        parameters.put("churnPerSecond", 5.0);
        SoakVerdict verdict = SoakVerdict.of(series, List.of());
        return new SoakReport("soak", "2026-12-03T21:00:00Z", "abc1234", verdict.pass(), parameters, verdict, samples,
                List.of(), new SoakReport.Publishing(3000, 3000, 0, Map.of(), 0, new long[] {3000}, 1000),
                new SoakReport.Hub(1, "http://127.0.0.1:1", true, 0, Map.of("slow_consumer", 12L), 0, 0, 0.4, 0, null));
    }
}
