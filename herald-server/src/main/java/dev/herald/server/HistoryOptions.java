package dev.herald.server;

import dev.herald.store.Durability;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Where history is kept and for how long.
 *
 * @param transport {@code MEMORY} (lost on restart) or {@code STORE} (durable, in {@code dataDirectory})
 * @param dataDirectory the store's directory; one hub per directory
 * @param durability when a publish is acknowledged (store only): after an fsync ({@code ALWAYS}), or
 *     after the commit with fsyncs at checkpoints ({@code BATCH}: survives a process crash, not a
 *     power loss)
 * @param size the most updates retained
 * @param maxAge updates older than this are dropped (store only)
 * @param redisUri the Redis every node of a cluster shares (redis transport only): one server, a Sentinel
 *     ({@code redis-sentinel://}) or a Redis Cluster ({@code redis-cluster://}); see {@code RedisOptions}
 * @param redisKeyPrefix the keys of this hub in Redis: nodes with the same prefix are one hub
 */
public record HistoryOptions(TransportKind transport, Path dataDirectory, Durability durability, long size,
        Duration maxAge, String redisUri, String redisKeyPrefix) {

    /** Memory and store serve one node; redis makes every node on the same Redis and prefix one hub. */
    public enum TransportKind { MEMORY, STORE, REDIS }

    public static final String DEFAULT_REDIS_URI = "redis://127.0.0.1:6379";
    public static final String DEFAULT_REDIS_KEY_PREFIX = "herald";

    /** 10,000 updates of ~200 bytes is about 5 MB of memory. */
    public static final long DEFAULT_MEMORY_SIZE = 10_000;
    /** A million updates of ~200 bytes is about 360 MB of disk. */
    public static final long DEFAULT_STORE_SIZE = 1_000_000;
    public static final Duration DEFAULT_MAX_AGE = Duration.ofDays(7);
    public static final Path DEFAULT_DATA_DIRECTORY = Path.of("data");

    public HistoryOptions {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        Objects.requireNonNull(durability, "durability");
        Objects.requireNonNull(maxAge, "maxAge");
        Objects.requireNonNull(redisUri, "redisUri");
        Objects.requireNonNull(redisKeyPrefix, "redisKeyPrefix");
        if (size < 1 || transport == TransportKind.MEMORY && size > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("history size must be between 1 and " + Integer.MAX_VALUE + ": " + size);
        }
        if (maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("history max age must be positive: " + maxAge);
        }
    }

    /** In memory, the newest 10,000 updates. */
    public static HistoryOptions memory() {
        return new HistoryOptions(TransportKind.MEMORY, DEFAULT_DATA_DIRECTORY, Durability.ALWAYS,
                DEFAULT_MEMORY_SIZE, DEFAULT_MAX_AGE, DEFAULT_REDIS_URI, DEFAULT_REDIS_KEY_PREFIX);
    }

    /** Durable in the directory, fsync'ed before each acknowledgement, a million updates or 7 days. */
    public static HistoryOptions store(Path directory) {
        return new HistoryOptions(TransportKind.STORE, directory, Durability.ALWAYS, DEFAULT_STORE_SIZE, DEFAULT_MAX_AGE,
                DEFAULT_REDIS_URI, DEFAULT_REDIS_KEY_PREFIX);
    }

    /** Shared by every node on the Redis at the URI with the same key prefix: a million updates. */
    public static HistoryOptions redis(String uri, String keyPrefix) {
        return new HistoryOptions(TransportKind.REDIS, DEFAULT_DATA_DIRECTORY, Durability.ALWAYS, DEFAULT_STORE_SIZE,
                DEFAULT_MAX_AGE, uri, keyPrefix);
    }

    public HistoryOptions withSize(long newSize) {
        return new HistoryOptions(transport, dataDirectory, durability, newSize, maxAge, redisUri, redisKeyPrefix);
    }

    public HistoryOptions withDurability(Durability newDurability) {
        return new HistoryOptions(transport, dataDirectory, newDurability, size, maxAge, redisUri, redisKeyPrefix);
    }

    public HistoryOptions withMaxAge(Duration newMaxAge) {
        return new HistoryOptions(transport, dataDirectory, durability, size, newMaxAge, redisUri, redisKeyPrefix);
    }
}
