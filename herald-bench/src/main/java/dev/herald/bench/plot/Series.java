package dev.herald.bench.plot;

import java.util.List;
import java.util.Objects;

/**
 * One line pair of the chart (p50 and p99) and one legend entry: the points of one label, and of one
 * rate when the runs used several.
 *
 * @param name the legend text
 * @param points ordered by subscribers
 */
public record Series(String name, List<LatencyPoint> points) {

    public Series {
        Objects.requireNonNull(name, "name");
        points = List.copyOf(points);
        if (points.isEmpty()) {
            throw new IllegalArgumentException("a series needs at least one point");
        }
    }
}
