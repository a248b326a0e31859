package dev.herald.core.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;

/**
 * History reads run on an executor, and a read asked for while an identical one is still waiting to
 * start shares it: one read, one result for all who asked. A reconnect storm is thousands of
 * subscribers resuming after the same last event (they were all up to date when their node went away),
 * so their reads queue up identical; answered one by one they cost thousands of identical SQL reads.
 *
 * <p>Sharing is safe for a replay only with a read that has not started: whoever asks has already
 * registered for live updates (the replay/live seam), so a read that begins after every asker
 * registered misses nothing any of them would not receive live. A read already running may have
 * begun before a late asker registered, so the late asker gets a read of its own. Results must be
 * immutable: every asker gets the same value. Thread-safe.
 *
 * @param <K> what makes two reads identical (a value with equals and hashCode)
 * @param <V> what a read answers
 */
public final class CoalescedReads<K, V> {

    private final Executor executor;
    /** Reads submitted and not started yet, by key. */
    private final Map<K, CompletableFuture<V>> waiting = new HashMap<>();

    public CoalescedReads(Executor executor) {
        this.executor = Objects.requireNonNull(executor, "executor");
    }

    /**
     * The result of {@code read}, or of an identical read still waiting to start. Each caller gets a
     * future of its own (completing with the shared result), so none can cancel another's. A read the
     * executor refuses (it is shut down) fails with that {@link RejectedExecutionException}.
     */
    public CompletableFuture<V> submit(K key, Supplier<V> read) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(read, "read");
        CompletableFuture<V> shared;
        synchronized (this) {
            shared = waiting.get(key);
            if (shared != null) {
                return shared.copy();
            }
            shared = new CompletableFuture<>();
            waiting.put(key, shared);
        }
        CompletableFuture<V> result = shared;
        try {
            executor.execute(() -> run(key, result, read));
        } catch (RejectedExecutionException e) {
            synchronized (this) {
                waiting.remove(key, result);
            }
            result.completeExceptionally(e);
        }
        return result.copy();
    }

    /** Reads waiting to start now (distinct keys). */
    public synchronized int waitingCount() {
        return waiting.size();
    }

    private void run(K key, CompletableFuture<V> result, Supplier<V> read) {
        synchronized (this) {
            waiting.remove(key, result); // from now on, an identical ask gets a read of its own
        }
        try {
            result.complete(read.get());
        } catch (Throwable failure) {
            result.completeExceptionally(failure);
        }
    }
}
