package dev.herald.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Whether a soak passed: every series flat over the measured window, and every load check true.
 *
 * <p><b>Flat</b>, for one series: the window is the samples after the warm-up (the run's first third);
 * the median of its last quarter (at least 3 samples) may exceed the median of its first quarter by the
 * tolerance (5 %) at most. Medians, so that one sample taken in a burst of connections or just before a
 * write-ahead-log checkpoint does not decide. A run shorter than {@value #SHORT_RUN_MINUTES} minutes
 * also gets each series' absolute slack ({@link SoakSeries#shortRunSlack()}): over a window of 40 s the
 * figures are small and their noise (the connections of the moment, updates in flight, a log that has
 * not reached its checkpoint size) is larger than 5 % of them, while a leak has had little time to
 * grow. A short run therefore catches only fast leaks (for the 60-second run in the tests: more than
 * about 2 MiB of heap, 16 descriptors or 2 threads over 40 s); the long run is the measurement.
 *
 * @param pass every series and every check passed
 * @param series one flatness check per {@link SoakSeries}
 * @param checks the load's checks: loss, duplicates, private updates, publishing, the hub's health,
 *     and that the load did what it says (cuts, reconnects, churn)
 */
public record SoakVerdict(boolean pass, List<SeriesCheck> series, List<Check> checks) {

    /** Runs shorter than this (a window under 10 minutes) add each series' slack to the tolerance. */
    public static final int SHORT_RUN_MINUTES = 15;

    public SoakVerdict {
        series = List.copyOf(series);
        checks = List.copyOf(checks);
    }

    /** Passes when every series and check does. */
    public static SoakVerdict of(List<SeriesCheck> series, List<Check> checks) {
        boolean pass = series.stream().allMatch(SeriesCheck::pass) && checks.stream().allMatch(Check::pass);
        return new SoakVerdict(pass, series, checks);
    }

    /** Whether a run of this length is judged with the short run's slack. */
    public static boolean shortRun(Duration duration) {
        return duration.compareTo(Duration.ofMinutes(SHORT_RUN_MINUTES)) < 0;
    }

    /** What failed, one line each; empty when the run passed. */
    public List<String> failures() {
        List<String> failures = new ArrayList<>();
        series.stream().filter(check -> !check.pass()).forEach(check -> failures.add(check.series() + ": " + check.detail()));
        checks.stream().filter(check -> !check.pass()).forEach(check -> failures.add(check.name() + ": " + check.detail()));
        return failures;
    }

    /**
     * One series over the window.
     *
     * @param series its name ({@link SoakSeries#title()})
     * @param unit its unit
     * @param samples samples in the window
     * @param baseline median of the window's first quarter
     * @param last median of its last quarter
     * @param limit what {@code last} may be: baseline × (1 + tolerance), plus the short run's slack
     * @param growthPercent from baseline to last, in percent
     * @param min lowest sample of the window
     * @param max highest sample of the window
     * @param pass {@code last <= limit}
     * @param detail the comparison in words
     */
    public record SeriesCheck(String series, String unit, int samples, Double baseline, Double last, Double limit,
            Double growthPercent, Double min, Double max, boolean pass, String detail) {
    }

    /** One check of the load; {@code detail} says what was counted. */
    public record Check(String name, boolean pass, String detail) {
    }

    /** Judges one series: the samples at or after {@code fromSeconds} form the window. */
    public static SeriesCheck flat(SoakSeries series, List<SoakSample> samples, double fromSeconds, double tolerance,
            boolean shortRun) {
        List<Double> window = new ArrayList<>();
        for (SoakSample sample : samples) {
            if (sample.seconds() >= fromSeconds) {
                window.add(series.of(sample));
            }
        }
        if (window.size() < 2 || window.contains(null)) {
            return new SeriesCheck(series.title(), series.unit(), window.size(), null, null, null, null, null, null, false,
                    window.size() < 2 ? "fewer than 2 samples after the warm-up: nothing to compare"
                            : "not measured in every sample of the window");
        }
        int quarter = Math.max(1, Math.min(Math.max(3, window.size() / 4), window.size() / 2));
        double baseline = median(window.subList(0, quarter));
        double last = median(window.subList(window.size() - quarter, window.size()));
        double slack = shortRun ? series.shortRunSlack() : 0;
        double limit = baseline * (1 + tolerance) + slack;
        double growth = baseline == 0 ? (last == 0 ? 0 : Double.POSITIVE_INFINITY) : (last - baseline) * 100 / baseline;
        boolean pass = last <= limit;
        String detail = String.format(Locale.ROOT, "%s %s (median of the last %d) vs %s at the start of the window: "
                + "%+.1f %%, limit %s (%.0f %%%s)", round(last), series.unit(), quarter, round(baseline), growth, round(limit),
                tolerance * 100, slack > 0 ? " + " + round(slack) + " " + series.unit() + " for a short run" : "").trim();
        return new SeriesCheck(series.title(), series.unit(), window.size(), round(baseline), round(last), round(limit),
                Double.isInfinite(growth) ? null : Math.round(growth * 10) / 10.0,
                round(window.stream().mapToDouble(Double::doubleValue).min().orElseThrow()),
                round(window.stream().mapToDouble(Double::doubleValue).max().orElseThrow()), pass, detail);
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    /** Three decimals: enough for MiB and counts, short in the JSON line. */
    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
