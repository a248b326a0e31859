package dev.herald.core;

import java.time.Duration;
import java.util.Objects;

/**
 * How long and how many {@link IdempotencyKey}s a transport remembers: valid by construction, with
 * named defaults.
 *
 * @param window a retry with the same key within this time of the first attempt's acknowledgement
 *     gets the first attempt's id; after it, the key is forgotten and a retry is a new update
 * @param maxKeys the most keys remembered at once; beyond it the oldest are forgotten first, so a
 *     flood of keys costs bounded memory (and, on Redis, bounded keyspace)
 */
public record IdempotencyOptions(Duration window, int maxKeys) {

    /**
     * A publisher retries within minutes (the Herald client's back-off tops out at seconds); a day also
     * covers a queue replayed after an outage of a working day, and stays well inside the store's
     * default history (7 days), from which the store rebuilds its keys after a restart.
     */
    public static final Duration DEFAULT_WINDOW = Duration.ofHours(24);
    /**
     * 100,000 keys take about 28 MB of heap (a 22-character digest, a 22-character fingerprint, a
     * {@code urn:uuid:} id and a map entry: measured 281 bytes each); on Redis about as much (measured
     * 284 bytes each in its hash and sorted set).
     */
    public static final int DEFAULT_MAX_KEYS = 100_000;

    public IdempotencyOptions {
        Objects.requireNonNull(window, "window");
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("the idempotency window must be positive: " + window);
        }
        if (maxKeys < 1) {
            throw new IllegalArgumentException("maxKeys must be at least 1: " + maxKeys);
        }
    }

    public static IdempotencyOptions defaults() {
        return new IdempotencyOptions(DEFAULT_WINDOW, DEFAULT_MAX_KEYS);
    }
}
