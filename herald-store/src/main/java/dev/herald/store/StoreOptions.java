package dev.herald.store;

import dev.herald.core.IdempotencyOptions;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link StoreTransport} keeps its history: valid by construction, with named defaults, so
 * {@code StoreOptions.defaults(dir)} is a complete configuration.
 *
 * @param directory where the database ({@code herald.db} with its {@code -wal} and {@code -shm} files)
 *     and the lock file ({@code herald.lock}) live; created when missing
 * @param durability when an append is acknowledged, and so what a crash or power loss can take back
 * @param historySize how many of the newest updates are retained at most
 * @param historyMaxAge how long an update is retained at most, measured from its commit
 * @param batchLimit how many queued appends one group commit takes at most
 * @param maxQueuedAppends how many appends may wait for the writer before further appends are refused
 * @param clock the time for generated ids and for retention by age
 * @param idempotency how long and how many idempotency keys the store remembers
 */
public record StoreOptions(
        Path directory,
        Durability durability,
        long historySize,
        Duration historyMaxAge,
        int batchLimit,
        int maxQueuedAppends,
        Clock clock,
        IdempotencyOptions idempotency) {

    /** Safe by default: an acknowledged update survives a power loss. */
    public static final Durability DEFAULT_DURABILITY = Durability.ALWAYS;
    /** 1,000,000 updates with 200-byte data take about 360 MB of disk (measured: ~355 bytes each). */
    public static final long DEFAULT_HISTORY_SIZE = 1_000_000;
    /** A week covers a subscriber offline over a long weekend, and bounds the disk when traffic is low. */
    public static final Duration DEFAULT_HISTORY_MAX_AGE = Duration.ofDays(7);
    /** 1,000 updates of 200 bytes is ~250 KB of log per commit: one fsync for all, yet a short commit. */
    public static final int DEFAULT_BATCH_LIMIT = 1_000;
    /** 100,000 waiting appends of ~1 KB hold ~100 MB of heap: beyond that the disk is not keeping up. */
    public static final int DEFAULT_MAX_QUEUED_APPENDS = 100_000;

    public StoreOptions {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(durability, "durability");
        Objects.requireNonNull(historyMaxAge, "historyMaxAge");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(idempotency, "idempotency");
        if (historySize < 1) {
            throw new IllegalArgumentException("historySize must be at least 1: " + historySize);
        }
        if (historyMaxAge.isNegative() || historyMaxAge.isZero()) {
            throw new IllegalArgumentException("historyMaxAge must be positive: " + historyMaxAge);
        }
        if (batchLimit < 1) {
            throw new IllegalArgumentException("batchLimit must be at least 1: " + batchLimit);
        }
        if (maxQueuedAppends < 1) {
            throw new IllegalArgumentException("maxQueuedAppends must be at least 1: " + maxQueuedAppends);
        }
    }

    /** Every default, storing in the given directory. */
    public static StoreOptions defaults(Path directory) {
        return new StoreOptions(directory, DEFAULT_DURABILITY, DEFAULT_HISTORY_SIZE, DEFAULT_HISTORY_MAX_AGE,
                DEFAULT_BATCH_LIMIT, DEFAULT_MAX_QUEUED_APPENDS, Clock.systemUTC(), IdempotencyOptions.defaults());
    }

    public StoreOptions withDurability(Durability newDurability) {
        return new StoreOptions(directory, newDurability, historySize, historyMaxAge, batchLimit,
                maxQueuedAppends, clock, idempotency);
    }

    public StoreOptions withHistorySize(long newHistorySize) {
        return new StoreOptions(directory, durability, newHistorySize, historyMaxAge, batchLimit,
                maxQueuedAppends, clock, idempotency);
    }

    public StoreOptions withHistoryMaxAge(Duration newHistoryMaxAge) {
        return new StoreOptions(directory, durability, historySize, newHistoryMaxAge, batchLimit,
                maxQueuedAppends, clock, idempotency);
    }

    public StoreOptions withBatchLimit(int newBatchLimit) {
        return new StoreOptions(directory, durability, historySize, historyMaxAge, newBatchLimit,
                maxQueuedAppends, clock, idempotency);
    }

    public StoreOptions withMaxQueuedAppends(int newMaxQueuedAppends) {
        return new StoreOptions(directory, durability, historySize, historyMaxAge, batchLimit,
                newMaxQueuedAppends, clock, idempotency);
    }

    public StoreOptions withClock(Clock newClock) {
        return new StoreOptions(directory, durability, historySize, historyMaxAge, batchLimit,
                maxQueuedAppends, newClock, idempotency);
    }

    public StoreOptions withIdempotency(IdempotencyOptions newIdempotency) {
        return new StoreOptions(directory, durability, historySize, historyMaxAge, batchLimit,
                maxQueuedAppends, clock, newIdempotency);
    }
}
