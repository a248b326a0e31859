package dev.herald.bench.plot;

import dev.herald.bench.SoakReport;
import dev.herald.bench.SoakSample;
import dev.herald.bench.SoakSeries;
import dev.herald.bench.SoakVerdict;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Stroke;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * A soak's samples over time, one panel per {@link SoakSeries} plus the tool's open connections (what
 * the descriptors follow): the warm-up shaded, and over the measured window the baseline (dashed) and
 * the limit the last samples had to stay under (dashed, red when exceeded). Linear axes from zero, so
 * that a flat line looks flat and growth looks like what it is. Same colours and Java2D as
 * {@link LatencyChart}: headless, only a font needed.
 */
public final class SoakChart {

    public static final int DEFAULT_WIDTH = 1080;
    public static final int DEFAULT_HEIGHT = 760;
    private static final int COLUMNS = 2;
    private static final Color WARMUP = new Color(0xF2F2F2);
    private static final Color FAIL = new Color(0xD55E00);
    private static final Stroke THIN_DASHED = new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f,
            new float[] {6f, 4f}, 0f);

    private final int width;
    private final int height;

    public SoakChart(int width, int height) {
        if (width < LatencyChart.MIN_SIZE || height < LatencyChart.MIN_SIZE || width > LatencyChart.MAX_SIZE
                || height > LatencyChart.MAX_SIZE) {
            throw new IllegalArgumentException("the chart must be " + LatencyChart.MIN_SIZE + " to " + LatencyChart.MAX_SIZE
                    + " pixels each way");
        }
        this.width = width;
        this.height = height;
    }

    /** One panel: a series' values over time and, when judged, its check. */
    record Panel(String title, List<double[]> points, SoakVerdict.SeriesCheck check) {
    }

    /** Writes the chart as a PNG file. */
    public void write(SoakReport report, Path png) throws IOException {
        if (!ImageIO.write(render(report), "png", png.toFile())) {
            throw new IOException("this Java has no PNG writer");
        }
    }

    /** Draws the report's samples; at least one is needed. */
    public BufferedImage render(SoakReport report) {
        if (report.samples().isEmpty()) {
            throw new IllegalArgumentException("nothing to plot: the soak has no samples");
        }
        List<Panel> panels = panels(report);
        double warmup = ((Number) report.parameters().get("warmupSeconds")).doubleValue();
        double end = Math.max(((Number) report.parameters().get("durationSeconds")).doubleValue(),
                report.samples().get(report.samples().size() - 1).seconds());
        boolean minutes = end >= 600;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(LatencyChart.BACKGROUND);
            g.fillRect(0, 0, width, height);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            drawTitle(g, title(report));
            int rows = (panels.size() + COLUMNS - 1) / COLUMNS;
            double cellWidth = (width - 20.0) / COLUMNS;
            double cellHeight = (height - 60.0) / rows;
            for (int i = 0; i < panels.size(); i++) {
                Rectangle2D cell = new Rectangle2D.Double(10 + (i % COLUMNS) * cellWidth, 50 + (i / COLUMNS) * cellHeight,
                        cellWidth, cellHeight);
                drawPanel(g, cell, panels.get(i), warmup, end, minutes, LatencyChart.PALETTE.get(i % LatencyChart.PALETTE.size()));
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    static List<Panel> panels(SoakReport report) {
        List<Panel> panels = new ArrayList<>();
        for (SoakSeries series : SoakSeries.values()) {
            List<double[]> points = new ArrayList<>();
            for (SoakSample sample : report.samples()) {
                Double value = series.of(sample);
                if (value != null) {
                    points.add(new double[] {sample.seconds(), value});
                }
            }
            SoakVerdict.SeriesCheck check = report.verdict().series().stream()
                    .filter(each -> each.series().equals(series.title())).findFirst().orElse(null);
            panels.add(new Panel(series.title() + (series.unit().isEmpty() ? "" : " (" + series.unit() + ")"), points, check));
        }
        List<double[]> connections = report.samples().stream()
                .map(sample -> new double[] {sample.seconds(), sample.connections()}).toList();
        panels.add(new Panel("the tool's open streams (not judged)", connections, null));
        return panels;
    }

    private static String title(SoakReport report) {
        long seconds = ((Number) report.parameters().get("durationSeconds")).longValue();
        String duration = seconds >= 600 && seconds % 60 == 0 ? seconds / 60 + " min" : seconds + " s";
        return String.format(Locale.ROOT, "Soak: %s at %s publishes/s, %s + %s + %s readers, %s churn/s: %s",
                duration, Numbers.format(((Number) report.parameters().get("rate")).doubleValue()),
                report.parameters().get("keepers"), report.parameters().get("cyclers"), report.parameters().get("stallers"),
                Numbers.format(((Number) report.parameters().get("churnPerSecond")).doubleValue()),
                report.pass() ? "PASS" : "FAIL");
    }

    private void drawPanel(Graphics2D g, Rectangle2D cell, Panel panel, double warmup, double end, boolean minutes,
            Color color) {
        FontMetrics metrics = g.getFontMetrics();
        Rectangle2D plot = new Rectangle2D.Double(cell.getX() + 60, cell.getY() + 24, cell.getWidth() - 80,
                cell.getHeight() - 64);
        double top = 0;
        for (double[] point : panel.points()) {
            top = Math.max(top, point[1]);
        }
        if (panel.check() != null && panel.check().limit() != null) {
            top = Math.max(top, panel.check().limit());
        }
        double step = niceStep(top <= 0 ? 1 : top * 1.1 / 4);
        double max = Math.ceil((top <= 0 ? 1 : top * 1.1) / step) * step;
        g.setColor(WARMUP);
        g.fill(new Rectangle2D.Double(plot.getX(), plot.getY(), plot.getWidth() * Math.min(1, warmup / end), plot.getHeight()));
        g.setStroke(LatencyChart.THIN);
        for (double tick = 0; tick <= max * 1.0001; tick += step) {
            double y = plot.getMaxY() - tick / max * plot.getHeight();
            g.setColor(LatencyChart.GRID);
            g.draw(new Line2D.Double(plot.getX(), y, plot.getMaxX(), y));
            g.setColor(LatencyChart.INK);
            String text = Numbers.format(tick);
            g.drawString(text, (float) (plot.getX() - 6 - metrics.stringWidth(text)), (float) (y + metrics.getAscent() / 2.0 - 1));
        }
        double xStep = niceStep((minutes ? end / 60 : end) / 6);
        for (double tick = 0; tick <= (minutes ? end / 60 : end) * 1.0001; tick += xStep) {
            double x = plot.getX() + (minutes ? tick * 60 : tick) / end * plot.getWidth();
            g.setColor(LatencyChart.INK);
            String text = Numbers.format(tick);
            g.drawString(text, (float) (x - metrics.stringWidth(text) / 2.0), (float) (plot.getMaxY() + 4 + metrics.getAscent()));
        }
        String unit = minutes ? "minutes" : "seconds";
        g.drawString(unit, (float) (plot.getMaxX() - metrics.stringWidth(unit)), (float) (plot.getMaxY() + 30));
        g.draw(plot);
        if (panel.check() != null && panel.check().baseline() != null) {
            drawLevel(g, plot, warmup, end, max, panel.check().baseline(), LatencyChart.INK);
            drawLevel(g, plot, warmup, end, max, panel.check().limit(), panel.check().pass() ? LatencyChart.GRID.darker() : FAIL);
        }
        Path2D line = new Path2D.Double();
        g.setColor(color);
        for (double[] point : panel.points()) {
            double x = plot.getX() + point[0] / end * plot.getWidth();
            double y = plot.getMaxY() - point[1] / max * plot.getHeight();
            if (line.getCurrentPoint() == null) {
                line.moveTo(x, y);
            } else {
                line.lineTo(x, y);
            }
            g.fill(new Ellipse2D.Double(x - 2.5, y - 2.5, 5, 5));
        }
        g.setStroke(LatencyChart.SOLID);
        g.draw(line);
        g.setStroke(LatencyChart.THIN);
        g.setColor(panel.check() != null && !panel.check().pass() ? FAIL : LatencyChart.INK);
        Font plain = g.getFont();
        g.setFont(plain.deriveFont(Font.BOLD));
        String verdict = panel.check() == null ? "" : panel.check().pass() ? "  flat" : "  GROWS";
        String growth = panel.check() == null || panel.check().growthPercent() == null ? ""
                : String.format(Locale.ROOT, " (%+.1f %%)", panel.check().growthPercent());
        g.drawString(panel.title() + verdict + growth, (float) plot.getX(), (float) (plot.getY() - 8));
        g.setFont(plain);
    }

    /** A horizontal dashed line across the measured window, at {@code value}. */
    private static void drawLevel(Graphics2D g, Rectangle2D plot, double warmup, double end, double max, double value, Color color) {
        double y = plot.getMaxY() - value / max * plot.getHeight();
        g.setColor(color);
        g.setStroke(THIN_DASHED);
        g.draw(new Line2D.Double(plot.getX() + Math.min(1, warmup / end) * plot.getWidth(), y, plot.getMaxX(), y));
        g.setStroke(LatencyChart.THIN);
    }

    /** 1, 2 or 5 times a power of ten, the smallest such step at least {@code rough}. */
    static double niceStep(double rough) {
        double decade = Math.pow(10, Math.floor(Math.log10(rough)));
        for (double factor : new double[] {1, 2, 5, 10}) {
            if (factor * decade >= rough) {
                return factor * decade;
            }
        }
        return 10 * decade;
    }

    private void drawTitle(Graphics2D g, String title) {
        g.setColor(LatencyChart.INK);
        Font plain = g.getFont();
        g.setFont(plain.deriveFont(Font.BOLD, 16f));
        FontMetrics metrics = g.getFontMetrics();
        g.drawString(title, (float) Math.max(8, (width - metrics.stringWidth(title)) / 2.0), 30f);
        g.setFont(plain);
    }
}
