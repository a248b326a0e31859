package dev.herald.bench.internal;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Failure reasons with their counts, for the report. Bounded: a flood of distinct messages (each with
 * a port number, say) would otherwise grow without limit; past {@value #MAX_REASONS} reasons the rest
 * count under "other".
 */
final class Failures {

    static final int MAX_REASONS = 8;

    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    void add(String reason, long count) {
        if (count <= 0) {
            return;
        }
        String key = counts.containsKey(reason) || counts.size() < MAX_REASONS ? reason : "other";
        counts.computeIfAbsent(key, any -> new LongAdder()).add(count);
    }

    /** Every failure counted so far, whatever its reason. */
    int total() {
        long sum = 0;
        for (LongAdder count : counts.values()) {
            sum += count.sum();
        }
        return (int) sum;
    }

    Map<String, Long> snapshot() {
        Map<String, Long> copy = new TreeMap<>();
        counts.forEach((reason, count) -> copy.put(reason, count.sum()));
        return copy;
    }
}
