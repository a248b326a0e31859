package dev.herald.redis.internal;

import dev.herald.core.DeliveryHealth;
import dev.herald.core.StoredUpdate;
import dev.herald.core.UpdateListener;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.XReadArgs.StreamOffset;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the stream to this node's listener: one {@code XREAD BLOCK} after another on a connection of
 * its own, each answer handed to the listener in one call on the reader thread, in entry order. It is
 * the only way updates reach the listener, this node's own appends included, so every node delivers
 * the one order Redis gave the stream.
 *
 * <p>Before its first read, and after every failure or reconnect, it loads the scripts into Redis and
 * runs {@code recover.lua}: the first time to learn where the stream ends (what was there before is
 * history, not live), later to see what happened while it could not read. Failures are retried with a
 * growing delay; reading resumes after the last entry delivered, so nothing retained is skipped.
 *
 * <p>The commands are those a standalone and a cluster connection share: on a cluster each one goes to
 * the node that serves its key's slot, and Lettuce follows that slot to a new node after a failover.
 *
 * <p>What it delivered goes to {@link ReaderLag}; whether it can deliver at all is {@link #problem}: not
 * yet positioned, failing to read, or not come back around its loop for longer than any legitimate
 * wait (a listener that does not return, a callback that threw and ended the loop).
 *
 * <p>Everything but {@link #stop}, {@link #problem} and {@link #connectionReestablished} runs on the
 * single reader thread, so the cursor needs no lock.
 */
public final class StreamReader {

    private static final Logger log = LoggerFactory.getLogger(StreamReader.class);
    /** Quick enough that a Redis restart costs subscribers a fraction of a second. */
    private static final Duration FIRST_RETRY = Duration.ofMillis(50);
    /** A Redis down for minutes is asked every 2 s per node: enough to notice, too little to matter. */
    private static final Duration LAST_RETRY = Duration.ofSeconds(2);
    private static final long NOTHING_DELIVERED = -1;
    /** Slack for a busy machine on top of the longest legitimate time between two turns of the loop. */
    private static final Duration STALL_SLACK = Duration.ofSeconds(1);

    private final RedisClusterAsyncCommands<String, String> commands;
    private final Keys keys;
    private final XReadArgs readArgs;
    private final Floor floor;
    private final String redis;
    private final ScheduledExecutorService thread;
    private final ReaderLag lag;
    /** Beyond this without a turn of the loop, the reader is stuck: see {@link #stallLimit}. */
    private final long stallNanos;
    private final CompletableFuture<Void> positioned = new CompletableFuture<>();
    private final AtomicBoolean reconnected = new AtomicBoolean();
    private volatile boolean healthy;
    private volatile boolean stopped;
    /** Why the latest round trip failed, while {@link #healthy} is false. */
    private volatile String failure = "not read yet";
    /** When the loop last went around ({@link #next}), for {@link #problem}. */
    private volatile long lastTurnNanos = System.nanoTime();
    /** Recoveries after the first positioning: failed reads and reconnects. */
    private final java.util.concurrent.atomic.AtomicLong recoveries = new java.util.concurrent.atomic.AtomicLong();

    private UpdateListener listener;
    /** The newest position delivered (or, before the first delivery, where live delivery starts). */
    private long delivered = NOTHING_DELIVERED;
    /** The entry id the next read continues after. */
    private String cursor;
    private boolean recoveryDue = true;
    private Duration retryDelay = FIRST_RETRY;
    private boolean failing;

    /**
     * @param roundTripLimit how long one command on the reader's connection may take before it times out
     *     (the block timeout plus the command timeout)
     */
    public StreamReader(RedisClusterAsyncCommands<String, String> commands, Keys keys, Duration blockTimeout,
            Duration roundTripLimit, int batchSize, Floor floor, ReaderLag lag, String redis,
            ScheduledExecutorService thread) {
        this.commands = commands;
        this.keys = keys;
        this.readArgs = XReadArgs.Builder.block(blockTimeout).count(batchSize);
        this.floor = floor;
        this.lag = lag;
        this.redis = redis;
        this.thread = thread;
        this.stallNanos = stallLimit(roundTripLimit).toNanos();
    }

    /**
     * The longest a healthy loop takes between two turns, and some slack: a recovery is two commands in
     * a row, each bounded by the connection's timeout, and a failed one waits at most {@code LAST_RETRY}
     * before the next turn. Longer means the loop is stuck: in the listener, or no longer running. With
     * the defaults (2 s block, 2 s command timeout) 11 s.
     */
    public static Duration stallLimit(Duration roundTripLimit) {
        return roundTripLimit.multipliedBy(2).plus(LAST_RETRY).plus(STALL_SLACK);
    }

    public void start(UpdateListener updateListener) {
        lastTurnNanos = System.nanoTime();
        thread.execute(() -> {
            listener = updateListener;
            next();
        });
    }

    /** Completes once the reader knows where live delivery starts: appends before that could be missed. */
    public CompletableFuture<Void> positioned() {
        return positioned;
    }

    /**
     * Why this reader does not deliver now, or empty while it does (however far behind: that is
     * {@link ReaderLag}'s): not positioned yet, its latest round trip failed, or its loop has not gone
     * around for longer than {@link #stallLimit}. Reads volatile state only. It names no address: a
     * public {@code /readyz} answers with it (the log names Redis).
     */
    public Optional<String> problem(long nowNanos) {
        if (!positioned.isDone()) {
            return Optional.of("the stream reader has not reached Redis yet");
        }
        if (stopped) {
            return Optional.of("the stream reader is stopped");
        }
        if (!healthy) {
            return Optional.of("the stream reader cannot read from Redis: " + failure);
        }
        long quiet = nowNanos - lastTurnNanos;
        if (quiet > stallNanos) {
            return Optional.of("the stream reader has not come back from Redis or from delivering for "
                    + DeliveryHealth.seconds(Duration.ofNanos(quiet)));
        }
        return Optional.empty();
    }

    /** Lettuce reconnected a connection: Redis may have restarted in between, look before reading on. */
    public void connectionReestablished() {
        reconnected.set(true);
    }

    /** Times the reader started over (a failure or a reconnect) after its first positioning. */
    public long recoveries() {
        return recoveries.get();
    }

    /** No further reads, and no further deliveries once the one running (if any) returns. */
    public void stop() {
        stopped = true;
    }

    private void next() {
        lastTurnNanos = System.nanoTime();
        if (stopped) {
            return;
        }
        if (reconnected.getAndSet(false) || recoveryDue) {
            recover();
        } else {
            read();
        }
    }

    /**
     * Loads the scripts (a restarted Redis, or a replica a failover promoted, has none), then runs
     * recover.lua. Loading only saves concurrent appends a NOSCRIPT round trip each, so its failure is
     * no reason to stop: on a cluster it goes to every node, and one that is down (the master a failover
     * is replacing) must not keep the reader from the node that serves the hub.
     */
    private void recover() {
        String[] arguments = {Long.toString(Math.max(delivered, 0))};
        Scripts.loadAll(commands)
                .handle((loaded, error) -> null)
                .thenCompose(loaded -> Scripts.RECOVER.<List<Long>>run(commands, ScriptOutputType.MULTI,
                        keys.forRecovery(), arguments))
                .whenCompleteAsync((answer, error) -> {
                    if (error != null) {
                        failed(error);
                    } else {
                        // Only a stream read says the reader reads again: a recovery succeeds while a read
                        // that Redis refuses (an ACL without XREAD, a key of another type) would fail each
                        // time, and counting it would flip readiness and reset the backoff every round.
                        // The first positioning is the exception: the reader knows where to start, and
                        // problem() must be empty once positioned() completes.
                        if (delivered == NOTHING_DELIVERED) {
                            succeeded();
                        }
                        recovered(answer.get(0), answer.get(1), answer.get(2));
                        next();
                    }
                }, thread);
    }

    private void recovered(long sequence, long first, long last) {
        recoveryDue = false;
        if (delivered == NOTHING_DELIVERED) {
            // Every position up to the sequence is in the stream or never will be (the script that takes
            // a position also adds its entry), so live delivery starts after both.
            delivered = Math.max(sequence, last);
            cursor = Entries.streamId(delivered);
            floor.raise(delivered);
            lag.delivered(delivered);
            positioned.complete(null);
            return;
        }
        recoveries.incrementAndGet();
        if (sequence < delivered) {
            log.error("Redis at {} lost {}: its sequence is at {} but this node delivered up to {} (a restart "
                    + "without persistence, a flush or an eviction). Positions go on after {}; the history "
                    + "before is gone, so resuming subscribers get 'earliest'.", redis, keys.stream(), sequence,
                    delivered, delivered);
            if (last > 0 && last <= delivered) {
                log.error("Positions {} to {} of {} were appended after the loss by nodes that had seen less; "
                        + "they are not delivered here.", first, last, keys.stream());
            }
        } else if (first > delivered + 1) {
            // Not only trimming: a Redis restarted without persistence loses the updates no reader had read
            // yet, and when a node's append (which carries its floor) recreated the sequence before this
            // reader looked, the loss shows here and not as a sequence behind what was delivered.
            log.warn("{} on {} now starts after a gap: positions {} to {} were not delivered here (trimmed while "
                    + "this node could not read, or lost by a Redis restarted without persistence); subscribers "
                    + "resuming from them get 'earliest'.", keys.stream(), redis, delivered + 1, first - 1);
        }
        cursor = Entries.streamId(delivered);
    }

    private void read() {
        commands.xread(readArgs, StreamOffset.from(keys.stream(), cursor))
                .whenCompleteAsync((messages, error) -> {
                    if (error != null) {
                        failed(error);
                    } else {
                        deliver(messages);
                        succeeded();
                        next();
                    }
                }, thread);
    }

    private void deliver(List<StreamMessage<String, String>> messages) {
        if (messages == null || messages.isEmpty()) {
            return;
        }
        List<StoredUpdate> batch = new ArrayList<>(messages.size());
        warnOfGap(messages.get(0).getId());
        for (StreamMessage<String, String> message : messages) {
            StoredUpdate update = Entries.decode(message.getId(), message.getBody());
            if (update != null && update.position().sequence() > delivered) {
                batch.add(update);
                delivered = update.position().sequence();
            }
        }
        cursor = messages.get(messages.size() - 1).getId();
        floor.raise(delivered);
        if (!batch.isEmpty() && !stopped) {
            try {
                listener.onUpdates(batch);
            } catch (RuntimeException e) {
                log.error("The update listener failed on {} updates up to position {}; delivery goes on",
                        batch.size(), delivered, e);
            }
        }
        lag.delivered(delivered); // after the listener returned: a listener that does not return is lag
    }

    /**
     * Positions are consecutive but in rare cases, which the log names: retention removed entries this
     * reader had not read yet, Redis lost them (logged when the reader reconnects), or an append failed
     * inside Redis after taking its position.
     */
    private void warnOfGap(String firstId) {
        long first;
        try {
            first = Entries.position(firstId);
        } catch (IllegalArgumentException e) {
            return;
        }
        if (first > delivered + 1) {
            log.warn("Positions {} to {} of {} were not delivered here: this node fell more than maxReaderLag "
                    + "entries behind and they were trimmed before it read them, Redis lost them, or appends "
                    + "failed inside Redis after taking those positions", delivered + 1, first - 1, keys.stream());
        }
    }

    private void failed(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        failure = cause.getMessage() == null ? cause.toString() : cause.getMessage(); // before healthy: read after it
        healthy = false;
        recoveryDue = true;
        if (stopped) {
            return;
        }
        if (!failing) {
            failing = true;
            log.warn("Cannot read {} from Redis at {}: {}; retrying until it answers", keys.stream(), redis,
                    cause.getMessage());
        }
        thread.schedule(this::next, retryDelay.toMillis(), TimeUnit.MILLISECONDS);
        retryDelay = retryDelay.multipliedBy(2).compareTo(LAST_RETRY) > 0 ? LAST_RETRY : retryDelay.multipliedBy(2);
    }

    private void succeeded() {
        healthy = true;
        retryDelay = FIRST_RETRY;
        if (failing) {
            failing = false;
            log.info("Reading {} from Redis at {} again, after position {}", keys.stream(), redis, delivered);
        }
    }
}
