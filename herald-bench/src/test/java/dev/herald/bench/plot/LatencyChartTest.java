package dev.herald.bench.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LatencyChartTest {

    static {
        // As ./bench plot does: the build machine has no display.
        System.setProperty("java.awt.headless", "true");
    }

    private static final List<Series> TWO_SERVERS = List.of(
            new Series("herald", List.of(new LatencyPoint("herald", 10, 1000, 3, 12.6, 47.1, 0),
                    new LatencyPoint("herald", 10, 10_000, 3, 296, 605, 0))),
            new Series("nchan", List.of(new LatencyPoint("nchan", 10, 1000, 3, 1.2, 3.4, 0),
                    new LatencyPoint("nchan", 10, 10_000, 3, 9.8, 30, 0))));

    @TempDir
    Path dir;

    @Test
    void writesAPngOfTheRequestedSize() throws IOException {
        Path png = dir.resolve("chart.png");

        new LatencyChart("fan-out", 800, 500).write(TWO_SERVERS, png);

        BufferedImage read = ImageIO.read(png.toFile());
        assertThat(read).as("the file reads back as an image").isNotNull();
        assertThat(read.getWidth()).isEqualTo(800);
        assertThat(read.getHeight()).isEqualTo(500);
    }

    @Test
    void drawsEachSeriesInItsOwnColourOnTheWhiteGround() throws IOException {
        Path png = dir.resolve("chart.png");
        new LatencyChart("fan-out", 800, 500).write(TWO_SERVERS, png);

        BufferedImage read = ImageIO.read(png.toFile());

        assertThat(count(read, LatencyChart.BACKGROUND)).as("most of the chart is background")
                .isGreaterThan(800 * 500 / 2);
        assertThat(count(read, LatencyChart.PALETTE.get(0))).as("the first series is drawn in the first colour")
                .isGreaterThan(100);
        assertThat(count(read, LatencyChart.PALETTE.get(1))).as("the second series is drawn in the second colour")
                .isGreaterThan(100);
    }

    @Test
    void aSinglePointIsDrawnToo() {
        List<Series> one = List.of(new Series("herald", List.of(new LatencyPoint("herald", 10, 100, 1, 0.8, 2, 0))));

        BufferedImage image = new LatencyChart("quick", 400, 320).render(one);

        assertThat(count(image, LatencyChart.PALETTE.get(0))).as("its markers are drawn").isPositive();
    }

    @Test
    void refusesToDrawNothing() {
        LatencyChart chart = new LatencyChart("empty", 400, 400);

        assertThatThrownBy(() -> chart.render(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesASizeThatIsATypo() {
        assertThatThrownBy(() -> new LatencyChart("huge", 80_000, 600)).isInstanceOf(IllegalArgumentException.class);
    }

    private static long count(BufferedImage image, Color colour) {
        long count = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xFFFFFF) == (colour.getRGB() & 0xFFFFFF)) {
                    count++;
                }
            }
        }
        return count;
    }
}
