package dev.herald.bench.internal;

import java.time.Duration;

/**
 * The coordinator's handle on one worker, forked ({@link ForkedWorker}) or in-process
 * ({@link LocalWorker}). Calls block the coordinator's thread, each for at most the time it is given.
 */
public interface WorkerLink extends AutoCloseable {

    /** Waits until the worker's subscriptions settled (opened or failed). */
    WorkerResult.Ready awaitReady(Duration timeout) throws InterruptedException;

    /** Tells the worker what was acknowledged; it waits up to {@code drain} for the deliveries. */
    WorkerResult.Drained drain(long[] ackedPerTopic, Duration drain, Duration timeout) throws InterruptedException;

    /** Has the worker close every connection, keeping each subscriber's last event id (see {@link Worker#disconnect}). */
    WorkerResult.Disconnected disconnect(Duration timeout) throws InterruptedException;

    /** Has the worker reopen its subscribers with their Last-Event-ID (see {@link Worker#reconnect}). */
    WorkerResult.Reconnected reconnect(long spreadMillis, long retryMillis, Duration timeout) throws InterruptedException;

    /** Has the worker close its connections and report. */
    WorkerResult finish(Duration timeout) throws InterruptedException;

    /** Stops the worker now, whatever it is doing. Idempotent. */
    @Override
    void close();
}
