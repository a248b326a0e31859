package dev.herald.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.bench.SoakReportFixture;
import dev.herald.bench.internal.Json;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code ./bench plot} on a soak's JSON line draws the soak again, as {@code soak --plot} did. */
class PlotCommandTest {

    @Test
    void aFileWithASoakLineIsDrawnAsTheSoaksSamplesOverTime(@TempDir Path directory) throws Exception {
        Path results = directory.resolve("soak.jsonl");
        Files.writeString(results, Json.line(SoakReportFixture.minute()) + "\n", StandardCharsets.UTF_8);
        Path png = directory.resolve("soak.png");

        int exit = new CommandLine(new PlotCommand()).execute("--out", png.toString(), results.toString());

        assertThat(exit).isZero();
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).as("the soak chart's width, not the fan-out chart's")
                .isEqualTo(dev.herald.bench.plot.SoakChart.DEFAULT_WIDTH);
    }
}
