package dev.herald.bench.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.Stroke;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import javax.imageio.ImageIO;

/**
 * Fan-out latency against subscribers, both axes logarithmic: one colour per series, p50 as a solid line
 * with dots, p99 as a dashed line with squares, the legend right of the plot, the title above. Plain
 * Java2D on an image, so it runs headless; it needs only a font on the machine (fontconfig).
 */
public final class LatencyChart {

    public static final int DEFAULT_WIDTH = 960;
    public static final int DEFAULT_HEIGHT = 600;
    public static final String DEFAULT_TITLE = "Fan-out: publish-to-receive latency (median of runs)";
    public static final int MIN_SIZE = 320;
    /** 8000 x 8000 RGB is 256 MB of image: past that a typo, not a chart. */
    public static final int MAX_SIZE = 8000;

    /** Okabe and Ito's palette, told apart with the common colour-vision deficiencies (yellow left out: white ground). */
    static final List<Color> PALETTE = List.of(new Color(0x0072B2), new Color(0xD55E00), new Color(0x009E73),
            new Color(0xCC79A7), new Color(0xE69F00), new Color(0x56B4E9), new Color(0x000000));
    static final Color BACKGROUND = Color.WHITE;

    static final Color GRID = new Color(0xDDDDDD);
    static final Color INK = new Color(0x333333);
    static final Stroke SOLID = new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    static final Stroke DASHED = new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f,
            new float[] {8f, 5f}, 0f);
    static final Stroke THIN = new BasicStroke(1f);
    private static final int MARKER = 8;
    private static final int SWATCH = 28;

    private final String title;
    private final int width;
    private final int height;

    public LatencyChart(String title, int width, int height) {
        this.title = Objects.requireNonNull(title, "title");
        if (width < MIN_SIZE || height < MIN_SIZE || width > MAX_SIZE || height > MAX_SIZE) {
            throw new IllegalArgumentException("the chart must be " + MIN_SIZE + " to " + MAX_SIZE + " pixels each way");
        }
        this.width = width;
        this.height = height;
    }

    /** Writes the chart as a PNG file. */
    public void write(List<Series> series, Path png) throws IOException {
        if (!ImageIO.write(render(series), "png", png.toFile())) {
            throw new IOException("this Java has no PNG writer");
        }
    }

    /** Draws the chart; at least one series. */
    public BufferedImage render(List<Series> series) {
        if (series.isEmpty()) {
            throw new IllegalArgumentException("nothing to plot: no series");
        }
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(BACKGROUND);
            g.fillRect(0, 0, width, height);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            Rectangle2D plot = plotArea(g, series);
            LogScale x = xScale(series);
            LogScale y = yScale(series);
            drawAxes(g, plot, x, y, series);
            for (int i = 0; i < series.size(); i++) {
                drawSeries(g, plot, x, y, series.get(i), PALETTE.get(i % PALETTE.size()));
            }
            drawLegend(g, plot, series);
            drawTitle(g);
        } finally {
            g.dispose();
        }
        return image;
    }

    /** What is left for the plot once the title, the axis labels and the legend have their room. */
    private Rectangle2D plotArea(Graphics2D g, List<Series> series) {
        FontMetrics metrics = g.getFontMetrics();
        int legend = SWATCH + 12 + series.stream().mapToInt(s -> metrics.stringWidth(s.name())).max().orElse(0);
        double left = 80;
        double top = 56;
        double right = legend + 36;
        double bottom = 64;
        double plotWidth = width - left - right;
        if (plotWidth < 120 || height - top - bottom < 120) {
            throw new IllegalArgumentException("the chart is too small for its legend: give a larger width");
        }
        return new Rectangle2D.Double(left, top, plotWidth, height - top - bottom);
    }

    private static LogScale xScale(List<Series> series) {
        int low = series.stream().flatMap(s -> s.points().stream()).mapToInt(LatencyPoint::subscribers).min().orElseThrow();
        int high = series.stream().flatMap(s -> s.points().stream()).mapToInt(LatencyPoint::subscribers).max().orElseThrow();
        return LogScale.padded(Math.max(1, low), Math.max(1, high));
    }

    private static LogScale yScale(List<Series> series) {
        double low = series.stream().flatMap(s -> s.points().stream()).mapToDouble(p -> visible(p.p50Millis()))
                .min().orElseThrow();
        double high = series.stream().flatMap(s -> s.points().stream())
                .mapToDouble(p -> visible(Math.max(p.p50Millis(), p.p99Millis()))).max().orElseThrow();
        return LogScale.decadesAround(low, high);
    }

    /** A latency below the histograms' 1 µs resolution is drawn at 1 µs: a log axis has no zero. */
    private static double visible(double millis) {
        return Math.max(millis, 0.001);
    }

    private static double px(Rectangle2D plot, LogScale x, double subscribers) {
        return plot.getX() + x.fraction(Math.max(1, subscribers)) * plot.getWidth();
    }

    private static double py(Rectangle2D plot, LogScale y, double millis) {
        return plot.getMaxY() - y.fraction(visible(millis)) * plot.getHeight();
    }

    private void drawAxes(Graphics2D g, Rectangle2D plot, LogScale x, LogScale y, List<Series> series) {
        FontMetrics metrics = g.getFontMetrics();
        g.setStroke(THIN);
        for (double tick : y.ticks()) {
            double at = py(plot, y, tick);
            g.setColor(GRID);
            g.draw(new Line2D.Double(plot.getX(), at, plot.getMaxX(), at));
            g.setColor(INK);
            String text = Numbers.format(tick);
            g.drawString(text, (float) (plot.getX() - 8 - metrics.stringWidth(text)), (float) (at + metrics.getAscent() / 2.0 - 1));
        }
        // Subscriber counts are few and chosen: a tick at each one measured, none in between.
        double lastLabelEnd = Double.NEGATIVE_INFINITY;
        for (int subscribers : series.stream().flatMap(s -> s.points().stream()).mapToInt(LatencyPoint::subscribers)
                .distinct().sorted().toArray()) {
            double at = px(plot, x, subscribers);
            g.setColor(GRID);
            g.draw(new Line2D.Double(at, plot.getY(), at, plot.getMaxY()));
            String text = String.format(Locale.ROOT, "%,d", subscribers);
            double start = at - metrics.stringWidth(text) / 2.0;
            if (start > lastLabelEnd + 6) {
                g.setColor(INK);
                g.drawString(text, (float) start, (float) (plot.getMaxY() + 6 + metrics.getAscent()));
                lastLabelEnd = start + metrics.stringWidth(text);
            }
        }
        g.setColor(INK);
        g.draw(plot);
        String xLabel = "subscribers (log scale)";
        g.drawString(xLabel, (float) (plot.getCenterX() - metrics.stringWidth(xLabel) / 2.0), (float) (plot.getMaxY() + 44));
        String yLabel = "publish-to-receive latency, ms (log scale)";
        Graphics2D rotated = (Graphics2D) g.create();
        try {
            rotated.translate(plot.getX() - 58, plot.getCenterY() + metrics.stringWidth(yLabel) / 2.0);
            rotated.rotate(-Math.PI / 2);
            rotated.drawString(yLabel, 0, 0);
        } finally {
            rotated.dispose();
        }
    }

    private static void drawSeries(Graphics2D g, Rectangle2D plot, LogScale x, LogScale y, Series series, Color color) {
        g.setColor(color);
        Path2D p50 = new Path2D.Double();
        Path2D p99 = new Path2D.Double();
        for (LatencyPoint point : series.points()) {
            double at = px(plot, x, point.subscribers());
            lineTo(p50, at, py(plot, y, point.p50Millis()));
            lineTo(p99, at, py(plot, y, point.p99Millis()));
        }
        g.setStroke(SOLID);
        g.draw(p50);
        g.setStroke(DASHED);
        g.draw(p99);
        g.setStroke(THIN);
        for (LatencyPoint point : series.points()) {
            double at = px(plot, x, point.subscribers());
            g.fill(dot(at, py(plot, y, point.p50Millis())));
            g.setStroke(new BasicStroke(1.5f));
            g.draw(square(at, py(plot, y, point.p99Millis())));
        }
    }

    private static void lineTo(Path2D path, double x, double y) {
        if (path.getCurrentPoint() == null) {
            path.moveTo(x, y);
        } else {
            path.lineTo(x, y);
        }
    }

    private static Shape dot(double x, double y) {
        return new Ellipse2D.Double(x - MARKER / 2.0, y - MARKER / 2.0, MARKER, MARKER);
    }

    private static Shape square(double x, double y) {
        return new Rectangle2D.Double(x - MARKER / 2.0, y - MARKER / 2.0, MARKER, MARKER);
    }

    /** One colour entry per series, then what solid and dashed mean. */
    private void drawLegend(Graphics2D g, Rectangle2D plot, List<Series> series) {
        FontMetrics metrics = g.getFontMetrics();
        double left = plot.getMaxX() + 20;
        double line = metrics.getHeight() + 6;
        double at = plot.getY() + metrics.getAscent();
        for (int i = 0; i < series.size(); i++) {
            Color color = PALETTE.get(i % PALETTE.size());
            g.setColor(color);
            g.setStroke(SOLID);
            g.draw(new Line2D.Double(left, at - 4, left + SWATCH, at - 4));
            g.fill(dot(left + SWATCH / 2.0, at - 4));
            g.setColor(INK);
            g.drawString(series.get(i).name(), (float) (left + SWATCH + 8), (float) at);
            at += line;
        }
        at += line / 2;
        g.setColor(INK);
        g.setStroke(SOLID);
        g.draw(new Line2D.Double(left, at - 4, left + SWATCH, at - 4));
        g.fill(dot(left + SWATCH / 2.0, at - 4));
        g.drawString("p50", (float) (left + SWATCH + 8), (float) at);
        at += line;
        g.setStroke(DASHED);
        g.draw(new Line2D.Double(left, at - 4, left + SWATCH, at - 4));
        g.setStroke(new BasicStroke(1.5f));
        g.draw(square(left + SWATCH / 2.0, at - 4));
        g.drawString("p99", (float) (left + SWATCH + 8), (float) at);
    }

    private void drawTitle(Graphics2D g) {
        g.setColor(INK);
        g.setFont(g.getFont().deriveFont(Font.BOLD, 16f));
        FontMetrics metrics = g.getFontMetrics();
        g.drawString(title, (float) Math.max(8, (width - metrics.stringWidth(title)) / 2.0), 32f);
    }
}
