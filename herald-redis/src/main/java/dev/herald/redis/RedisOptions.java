package dev.herald.redis;

import dev.herald.core.IdempotencyOptions;
import dev.herald.redis.internal.Keys;
import java.time.Duration;
import java.util.Objects;

/**
 * Where and how a {@link RedisTransport} keeps its stream: valid by construction, with named defaults,
 * so {@code RedisOptions.defaults()} is a complete configuration for a Redis on this machine.
 *
 * @param uri the Redis to use, as a Lettuce URI: {@code redis://[:password@]host[:port][/database]},
 *     {@code rediss://...} for TLS, or {@code redis-sentinel://[:password@]sentinel1[:port],sentinel2/
 *     [database]#masterName}, with which Lettuce asks the Sentinels for the master and finds the new one
 *     after a failover, or {@code redis-cluster://[:password@]host1:port1,host2:port2} (TLS:
 *     {@code rediss-cluster://}) for a Redis Cluster: the nodes listed are seeds, from which Lettuce
 *     learns the whole cluster and, after a failover or resharding, its new shape
 * @param keyPrefix the first part of every key the transport uses ({@code <prefix>:stream},
 *     {@code <prefix>:sequence}, {@code <prefix>:ids}, {@code <prefix>:later-ids}); every node of one
 *     hub uses the same prefix, and hubs sharing a Redis use different ones. On a Redis Cluster the
 *     prefix is a hash tag, {@code {<prefix>}:stream} and so on, so that a hub's keys share one slot (its
 *     scripts touch several of them at once); it must not contain braces there
 * @param historySize how many of the newest positions are retained for resuming subscribers
 * @param maxReaderLag how many entries the stream keeps beyond the history, so that a node whose reader
 *     fell behind (a burst of appends, a garbage collection pause, a short outage) still delivers every
 *     update; a node further behind loses the oldest ones, and logs it
 * @param commandTimeout how long an append or a history read waits for Redis before it fails; also
 *     the connect timeout
 * @param blockTimeout how long one stream read waits for new entries before asking again; a Redis that
 *     stops answering is noticed within {@code blockTimeout + commandTimeout}
 * @param batchSize how many entries one stream read takes at most (history pages are sized by the
 *     subscriber's PageRequest)
 * @param maxPendingCommands how many commands may wait for Redis's answer on one connection before
 *     further appends fail at once, so a slow Redis cannot fill the heap
 * @param idempotency how long and how many idempotency keys the hub remembers in Redis, for every node
 */
public record RedisOptions(
        String uri,
        String keyPrefix,
        long historySize,
        long maxReaderLag,
        Duration commandTimeout,
        Duration blockTimeout,
        int batchSize,
        int maxPendingCommands,
        IdempotencyOptions idempotency) {

    /** The Redis a developer runs on this machine. */
    public static final String DEFAULT_URI = "redis://127.0.0.1:6379";
    public static final String DEFAULT_KEY_PREFIX = "herald";
    /**
     * 1,000,000 updates with 200-byte data and generated ids take about 470 MB of Redis memory (measured
     * on Redis 7.0 with MEMORY USAGE: ~310 bytes per stream entry, ~155 per id index entry); size
     * {@code maxmemory} for it, with {@code maxmemory-policy noeviction}.
     */
    public static final long DEFAULT_HISTORY_SIZE = 1_000_000;
    /**
     * 100,000 entries is 10 s of a stalled node at 10,000 updates/s, for ~31 MB more Redis memory (at
     * ~310 bytes per stream entry).
     */
    public static final long DEFAULT_MAX_READER_LAG = 100_000;
    /** Redis answers in well under a millisecond; 2 s means it is down or stalled, not slow. */
    public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(2);
    /** One idle round trip every 2 s per node costs nothing, and bounds how long a stall goes unnoticed. */
    public static final Duration DEFAULT_BLOCK_TIMEOUT = Duration.ofSeconds(2);
    /** 1,000 entries of ~300 bytes is ~300 KB per answer: large batches, short stalls for other commands. */
    public static final int DEFAULT_BATCH_SIZE = 1_000;
    /**
     * 10,000 waiting commands are under a second of work (one node appended ~14,000 updates/s to a local
     * Redis, measured on 2 cores); more would wait past the command timeout and then fail ambiguously,
     * so they are refused at once instead, and a stalled Redis cannot fill the heap.
     */
    public static final int DEFAULT_MAX_PENDING_COMMANDS = 10_000;

    public RedisOptions {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(keyPrefix, "keyPrefix");
        Objects.requireNonNull(commandTimeout, "commandTimeout");
        Objects.requireNonNull(blockTimeout, "blockTimeout");
        RedisAddress address = RedisAddress.parse(uri);
        if (keyPrefix.isBlank()) {
            throw new IllegalArgumentException("keyPrefix must not be blank");
        }
        // Braces inside the tag would move it: "{a}b}" hashes "a", and "{}x}" hashes each whole key.
        if (address.cluster() && (keyPrefix.contains("{") || keyPrefix.contains("}"))) {
            throw new IllegalArgumentException("keyPrefix must not contain braces on a Redis Cluster, where it "
                    + "becomes the hash tag {" + keyPrefix + "}");
        }
        if (historySize < 1) {
            throw new IllegalArgumentException("historySize must be at least 1: " + historySize);
        }
        if (maxReaderLag < 0) {
            throw new IllegalArgumentException("maxReaderLag must not be negative: " + maxReaderLag);
        }
        if (commandTimeout.toMillis() < 1) {
            throw new IllegalArgumentException("commandTimeout must be at least 1 ms: " + commandTimeout);
        }
        // XREAD BLOCK 0 would wait forever: a stalled Redis would never be noticed.
        if (blockTimeout.toMillis() < 1) {
            throw new IllegalArgumentException("blockTimeout must be at least 1 ms: " + blockTimeout);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1: " + batchSize);
        }
        Objects.requireNonNull(idempotency, "idempotency");
        if (maxPendingCommands < 1) {
            throw new IllegalArgumentException("maxPendingCommands must be at least 1: " + maxPendingCommands);
        }
    }

    /** Every default: the Redis on 127.0.0.1:6379, keys under {@code herald:}. */
    public static RedisOptions defaults() {
        return new RedisOptions(DEFAULT_URI, DEFAULT_KEY_PREFIX, DEFAULT_HISTORY_SIZE, DEFAULT_MAX_READER_LAG,
                DEFAULT_COMMAND_TIMEOUT, DEFAULT_BLOCK_TIMEOUT, DEFAULT_BATCH_SIZE, DEFAULT_MAX_PENDING_COMMANDS,
                IdempotencyOptions.defaults());
    }

    public RedisOptions withUri(String newUri) {
        return new RedisOptions(newUri, keyPrefix, historySize, maxReaderLag, commandTimeout, blockTimeout,
                batchSize, maxPendingCommands, idempotency);
    }

    public RedisOptions withKeyPrefix(String newKeyPrefix) {
        return new RedisOptions(uri, newKeyPrefix, historySize, maxReaderLag, commandTimeout, blockTimeout,
                batchSize, maxPendingCommands, idempotency);
    }

    public RedisOptions withHistorySize(long newHistorySize) {
        return new RedisOptions(uri, keyPrefix, newHistorySize, maxReaderLag, commandTimeout, blockTimeout,
                batchSize, maxPendingCommands, idempotency);
    }

    public RedisOptions withMaxReaderLag(long newMaxReaderLag) {
        return new RedisOptions(uri, keyPrefix, historySize, newMaxReaderLag, commandTimeout, blockTimeout,
                batchSize, maxPendingCommands, idempotency);
    }

    public RedisOptions withCommandTimeout(Duration newCommandTimeout) {
        return new RedisOptions(uri, keyPrefix, historySize, maxReaderLag, newCommandTimeout, blockTimeout,
                batchSize, maxPendingCommands, idempotency);
    }

    public RedisOptions withBlockTimeout(Duration newBlockTimeout) {
        return new RedisOptions(uri, keyPrefix, historySize, maxReaderLag, commandTimeout, newBlockTimeout,
                batchSize, maxPendingCommands, idempotency);
    }

    public RedisOptions withBatchSize(int newBatchSize) {
        return new RedisOptions(uri, keyPrefix, historySize, maxReaderLag, commandTimeout, blockTimeout,
                newBatchSize, maxPendingCommands, idempotency);
    }

    public RedisOptions withMaxPendingCommands(int newMaxPendingCommands) {
        return new RedisOptions(uri, keyPrefix, historySize, maxReaderLag, commandTimeout, blockTimeout,
                batchSize, newMaxPendingCommands, idempotency);
    }

    public RedisOptions withIdempotency(IdempotencyOptions newIdempotency) {
        return new RedisOptions(uri, keyPrefix, historySize, maxReaderLag, commandTimeout, blockTimeout,
                batchSize, maxPendingCommands, newIdempotency);
    }

    /** The Redis to connect to: one server, a Sentinel-managed master, or a cluster's seed nodes. */
    RedisAddress address() {
        return RedisAddress.parse(uri);
    }

    /** The hub's keys: under the prefix, which is a hash tag on a cluster (see {@link #keyPrefix()}). */
    Keys keys() {
        return address().cluster() ? Keys.hashTagged(keyPrefix) : Keys.forPrefix(keyPrefix);
    }

    /** Without the password the URI may carry: options end up in logs. */
    @Override
    public String toString() {
        return "RedisOptions[uri=" + address() + ", keyPrefix=" + keyPrefix + ", historySize=" + historySize
                + ", maxReaderLag=" + maxReaderLag + ", commandTimeout=" + commandTimeout + ", blockTimeout="
                + blockTimeout + ", batchSize=" + batchSize + ", maxPendingCommands=" + maxPendingCommands
                + ", idempotency=" + idempotency + "]";
    }
}
