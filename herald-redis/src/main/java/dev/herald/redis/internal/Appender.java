package dev.herald.redis.internal;

import dev.herald.core.Appended;
import dev.herald.core.IdempotencyConflictException;
import dev.herald.core.IdempotencyKey;
import dev.herald.core.IdempotencyOptions;
import dev.herald.core.Position;
import dev.herald.core.StoredUpdate;
import dev.herald.core.Update;
import dev.herald.redis.RedisTransportException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisScriptingAsyncCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Sends each append as one run of {@code append.lua} on the shared command connection. Lettuce writes
 * concurrent commands onto that connection without waiting for earlier answers (pipelining), so
 * appends from many threads share round trips; Redis runs the scripts one at a time, in arrival order.
 */
public final class Appender {

    private static final int RANDOM_BITS = 1 << 12;
    /** What append.lua answers in place of a position when a key was already remembered. */
    private static final long REPEATED = 0;
    private static final long CONFLICT = -1;

    private final RedisScriptingAsyncCommands<String, String> commands;
    private final Keys keys;
    private final String historySize;
    private final String streamLength;
    private final Floor floor;
    private final String redis;
    private final Duration commandTimeout;
    private final String keyWindow;
    private final String maxKeys;
    /** Appends sent and not yet answered, so that close can wait for their answers. */
    private final Set<CompletableFuture<Appended>> pending = ConcurrentHashMap.newKeySet();
    /** Appends check "not stopped" under the read lock; stop flips it under the write lock. */
    private final ReadWriteLock stopping = new ReentrantReadWriteLock();
    private boolean stopped;

    public Appender(RedisScriptingAsyncCommands<String, String> commands, Keys keys, long historySize, long maxReaderLag,
            Floor floor, String redis, Duration commandTimeout, IdempotencyOptions idempotency) {
        this.keyWindow = Long.toString(idempotency.window().toMillis());
        this.maxKeys = Integer.toString(idempotency.maxKeys());
        this.commands = commands;
        this.keys = keys;
        this.historySize = Long.toString(historySize);
        this.streamLength = Long.toString(historySize + maxReaderLag);
        this.floor = floor;
        this.redis = redis;
        this.commandTimeout = commandTimeout;
    }

    /** Completes on a Lettuce I/O thread once Redis answered; see RedisTransport for the guarantees. */
    public CompletableFuture<StoredUpdate> append(Update update) {
        return run(update, null, null).thenApply(appended -> appended.stored().orElseThrow());
    }

    /** Like {@link #append}; the script checks and remembers the key in the same atomic step. */
    public CompletableFuture<Appended> appendOnce(Update update, IdempotencyKey key, String fingerprint) {
        return run(update, key, fingerprint);
    }

    private CompletableFuture<Appended> run(Update update, IdempotencyKey key, String fingerprint) {
        CompletableFuture<Appended> result = new CompletableFuture<>();
        stopping.readLock().lock();
        try {
            if (stopped) {
                return CompletableFuture.failedFuture(new RedisTransportException("the Redis transport is closed"));
            }
            pending.add(result);
        } finally {
            stopping.readLock().unlock();
        }
        result.whenComplete((stored, error) -> pending.remove(result));
        Scripts.APPEND.<List<Object>>run(commands, ScriptOutputType.MULTI, keys.forAppend(), arguments(update, key, fingerprint))
                .whenComplete((answer, error) -> {
                    if (error != null) {
                        result.completeExceptionally(failure(error));
                        return;
                    }
                    try {
                        long position = (Long) answer.get(0);
                        if (position == REPEATED) {
                            result.complete(Appended.repeat((String) answer.get(1)));
                        } else if (position == CONFLICT) {
                            result.completeExceptionally(new IdempotencyConflictException());
                        } else {
                            floor.raise(position);
                            Update stored = update.id() == null ? update.withId((String) answer.get(1)) : update;
                            result.complete(Appended.fresh(new StoredUpdate(new Position(position), stored)));
                        }
                    } catch (RuntimeException e) {
                        result.completeExceptionally(failure(e));
                    }
                });
        return result;
    }

    /** Refuses further appends and waits, at most the command timeout, for those Redis has not answered. */
    public void stop() {
        stopping.writeLock().lock();
        try {
            stopped = true;
        } finally {
            stopping.writeLock().unlock();
        }
        try {
            CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new))
                    .get(commandTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // Failed or unanswered appends fail on their own when the connection closes.
        }
    }

    private String[] arguments(Update update, IdempotencyKey key, String fingerprint) {
        List<String> arguments = new ArrayList<>();
        arguments.add(historySize);
        arguments.add(streamLength);
        arguments.add(Long.toString(floor.get()));
        arguments.add(Integer.toString(ThreadLocalRandom.current().nextInt(RANDOM_BITS)));
        arguments.add(update.id() == null ? "" : update.id());
        arguments.add(key == null ? "" : key.digest());
        arguments.add(key == null ? "" : fingerprint);
        arguments.add(keyWindow);
        arguments.add(maxKeys);
        arguments.addAll(Entries.fields(update));
        return arguments.toArray(String[]::new);
    }

    private RedisTransportException failure(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        // A timeout says nothing about the script: it may have run after all, and then the update is
        // delivered although its publisher was told it failed. Say so where it is likely.
        String outcome = cause instanceof RedisCommandTimeoutException ? " (it may still have been stored)" : "";
        return new RedisTransportException("cannot append to " + keys.stream() + " on " + redis + ": "
                + cause.getMessage() + outcome, cause);
    }
}
