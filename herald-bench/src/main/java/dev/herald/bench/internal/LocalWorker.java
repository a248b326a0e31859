package dev.herald.bench.internal;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A worker inside the coordinator's JVM: for tests and small runs, where a second JVM costs more than
 * it measures. Its CPU time is the coordinator's, so it reports none of its own.
 */
public final class LocalWorker implements WorkerLink {

    private final Worker worker;
    private final CompletableFuture<WorkerResult.Ready> ready;

    public LocalWorker(WorkerPlan plan) {
        this.worker = new Worker(plan);
        this.ready = CompletableFuture.supplyAsync(() -> {
            try {
                return worker.connect();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while connecting", e);
            }
        });
    }

    @Override
    public WorkerResult.Ready awaitReady(Duration timeout) throws InterruptedException {
        return await(ready, timeout);
    }

    @Override
    public WorkerResult.Drained drain(long[] ackedPerTopic, Duration drain, Duration timeout) throws InterruptedException {
        return worker.drain(ackedPerTopic, drain.toMillis());
    }

    @Override
    public WorkerResult.Disconnected disconnect(Duration timeout) throws InterruptedException {
        return worker.disconnect();
    }

    @Override
    public WorkerResult.Reconnected reconnect(long spreadMillis, long retryMillis, Duration timeout)
            throws InterruptedException {
        return worker.reconnect(spreadMillis, retryMillis);
    }

    @Override
    public WorkerResult finish(Duration timeout) {
        return worker.finish();
    }

    @Override
    public void close() {
        worker.close();
    }

    static <T> T await(CompletableFuture<T> future, Duration timeout) throws InterruptedException {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the worker failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the worker did not answer within " + timeout, e);
        }
    }
}
