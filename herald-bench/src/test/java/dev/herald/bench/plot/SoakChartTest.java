package dev.herald.bench.plot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.bench.SoakReport;
import dev.herald.bench.SoakReportFixture;
import dev.herald.bench.internal.Json;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
        List<SoakChart.Panel> panels = SoakChart.panels(SoakReportFixture.minute());

        assertThat(panels).extracting(SoakChart.Panel::title).containsExactly("live heap after GC (MiB)",
                "resident memory (MiB)", "open descriptors", "threads", "store files (MiB)",
                "the tool's open streams (not judged)");
        assertThat(panels.get(0).points()).as("one point per sample").hasSize(16);
        assertThat(panels.get(0).check()).as("the heap's check, to draw its baseline and limit").isNotNull();
        assertThat(panels.get(5).check()).isNull();
    }

    @Test
    void drawsTheReportReadBackFromItsJsonLine(@TempDir Path directory) throws Exception {
        SoakReport read = Json.read(Json.line(SoakReportFixture.minute()), SoakReport.class);
        Path png = directory.resolve("soak.png");

        new SoakChart(SoakChart.DEFAULT_WIDTH, SoakChart.DEFAULT_HEIGHT).write(read, png);

        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(read.samples()).isEqualTo(SoakReportFixture.minute().samples());
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
}
