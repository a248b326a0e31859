package dev.herald.bench;

import java.util.function.Function;

/**
 * The figures a soak watches for growth, each with its unit and the absolute slack a short run adds
 * to the tolerance (see {@link SoakVerdict}).
 */
public enum SoakSeries {
    /**
     * The live heap after a full collection: what a leak of objects shows in first. Within the window of
     * the 60-second runs measured it varied by 0.4 MiB at most (updates in flight, replay pages); a short
     * run's slack is 2 MiB.
     */
    HEAP("live heap after GC", "MiB", sample -> sample.heapBytes() == null ? null : sample.heapBytes() / 1048576.0, 2),
    /**
     * Resident memory: the heap as sized by the collector, metaspace, code, direct and native (SQLite)
     * memory. A JVM is still growing in its first minutes: over the window of the 60-second runs
     * measured it grew by up to 11 MiB (8 %) while the live heap stayed flat; a short run's slack is 16 MiB.
     */
    RSS("resident memory", "MiB", sample -> sample.rssKb() / 1024.0, 16),
    /**
     * Descriptors: one per connection, so they follow the churn of the moment; a short run's slack is
     * what a second of churn and reconnects changes.
     */
    FILES("open descriptors", "", sample -> (double) sample.openFiles(), 16),
    /** Threads: fixed by design (event loops, the store's writer and readers, timers). */
    THREADS("threads", "", sample -> (double) sample.threads(), 2),
    /**
     * The store's files: bounded by the history size once it is full; the write-ahead log grows to its
     * checkpoint size (about 4 MB) and is reused, never truncated, so a short run's slack is one log.
     */
    STORE("store files", "MiB", sample -> sample.storeBytes() / 1048576.0, 4);

    private final String title;
    private final String unit;
    private final Function<SoakSample, Double> value;
    private final double shortRunSlack;

    SoakSeries(String title, String unit, Function<SoakSample, Double> value, double shortRunSlack) {
        this.title = title;
        this.unit = unit;
        this.value = value;
        this.shortRunSlack = shortRunSlack;
    }

    public String title() {
        return title;
    }

    public String unit() {
        return unit;
    }

    /** The sample's figure in this series' unit, or null when it was not measured. */
    public Double of(SoakSample sample) {
        return value.apply(sample);
    }

    /** What a short run allows on top of the tolerance, in this series' unit. */
    public double shortRunSlack() {
        return shortRunSlack;
    }
}
