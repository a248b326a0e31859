package dev.herald.store.internal;

import dev.herald.core.DeliveryHealth;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What the writer thread tells readiness. The writer is the store's one deliverer (it hands each batch
 * to the listener after its commit), so the store delivers exactly while the writer commits: it does
 * not when the thread died, nor while commits fail (a full or read-only disk), and it is late by as
 * long as the oldest append has waited for it. Written by the writer thread, read by any thread (a
 * health endpoint on an event loop) without a lock.
 */
final class WriterHealth {

    /**
     * While commits fail, the writer tries a one-page write this often even when no append comes (a
     * node that says it is not ready gets none), so readiness turns back by itself once the disk takes
     * writes again: a second is quick for an operator and one small write a second costs nothing.
     */
    static final long PROBE_INTERVAL_NANOS = 1_000_000_000L;

    /** When the oldest append of the batch being committed and delivered was queued; empty when idle. */
    private volatile OptionalLong busySince = OptionalLong.empty();
    /** Why the latest commit failed, while none succeeded since; null while commits work. */
    private volatile String commitFailure;
    /** What ended the writer thread; null while it runs. */
    private volatile String death;
    /** Writer thread only: when the latest commit or probe failed. */
    private long lastFailureNanos;

    void batchStarted(long oldestQueuedNanos) {
        busySince = OptionalLong.of(oldestQueuedNanos);
    }

    void batchDone() {
        busySince = OptionalLong.empty();
    }

    void commitFailed(String reason, long nowNanos) {
        commitFailure = reason;
        lastFailureNanos = nowNanos;
    }

    /** A commit or probe succeeded; true when that ends a run of failures. */
    boolean committed() {
        boolean wasFailing = commitFailure != null;
        commitFailure = null;
        return wasFailing;
    }

    boolean probeDue(long nowNanos) {
        return commitFailure != null && nowNanos - lastFailureNanos >= PROBE_INTERVAL_NANOS;
    }

    void died(Throwable error) {
        death = error.toString();
    }

    /** Why the writer does not deliver now: it died, or its commits fail. */
    Optional<String> problem() {
        String died = death;
        if (died != null) {
            return Optional.of("the store's writer thread failed: " + died);
        }
        String failure = commitFailure;
        return failure == null ? Optional.empty() : Optional.of("the store cannot commit: " + failure);
    }

    /**
     * How long the oldest append not yet delivered has waited: the batch in hand if there is one (queued
     * before anything still in the queue), else the queue's oldest.
     */
    Duration lag(OptionalLong oldestQueuedNanos, long nowNanos) {
        OptionalLong since = busySince;
        if (since.isEmpty()) {
            since = oldestQueuedNanos;
        }
        return since.isEmpty() ? Duration.ZERO : Duration.ofNanos(Math.max(0, nowNanos - since.getAsLong()));
    }

    DeliveryHealth report(boolean started, boolean accepting, OptionalLong oldestQueuedNanos, long nowNanos) {
        Duration lag = lag(oldestQueuedNanos, nowNanos);
        if (!started) {
            return DeliveryHealth.notDelivering("the store is not started", lag);
        }
        Optional<String> problem = problem();
        if (problem.isPresent()) {
            return DeliveryHealth.notDelivering(problem.get(), lag);
        }
        if (!accepting) {
            return DeliveryHealth.notDelivering("the store is closed", lag);
        }
        return DeliveryHealth.delivering(lag);
    }
}
