package dev.herald.bench.plot;

import java.util.ArrayList;
import java.util.List;

/**
 * A logarithmic axis from {@code min} to {@code max}: latencies span decades (0.5 ms on a quiet hub,
 * seconds on a saturated one), and so do subscriber counts.
 */
record LogScale(double min, double max) {

    LogScale {
        if (!(min > 0 && max > min) || Double.isInfinite(max)) {
            throw new IllegalArgumentException("a log scale needs 0 < min < max, not " + min + " and " + max);
        }
    }

    /** Whole decades around the values: 3 to 450 gives 1 to 1000; a single value gets its own decade. */
    static LogScale decadesAround(double low, double high) {
        double min = Math.pow(10, Math.floor(Math.log10(low)));
        double max = Math.pow(10, Math.ceil(Math.log10(high)));
        return new LogScale(min, max > min ? max : min * 10);
    }

    /** The values with a fifth of a decade either side, or half a decade when there is one value. */
    static LogScale padded(double low, double high) {
        double margin = Math.pow(10, high > low ? 0.2 : 0.5);
        return new LogScale(low / margin, high * margin);
    }

    /** Where the value lies between min (0) and max (1), on the log scale. */
    double fraction(double value) {
        return (Math.log10(value) - Math.log10(min)) / (Math.log10(max) - Math.log10(min));
    }

    /** Gridline values: 1, 2 and 5 per decade when the axis spans at most three decades, else powers of ten. */
    List<Double> ticks() {
        boolean fine = Math.log10(max / min) <= 3.001;
        List<Double> ticks = new ArrayList<>();
        for (double decade = Math.pow(10, Math.floor(Math.log10(min))); decade <= max; decade *= 10) {
            for (double step : fine ? new double[] {1, 2, 5} : new double[] {1}) {
                double value = decade * step;
                if (value >= min * 0.999 && value <= max * 1.001) {
                    ticks.add(value);
                }
            }
        }
        return ticks;
    }
}
