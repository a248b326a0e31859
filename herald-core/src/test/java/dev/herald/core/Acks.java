package dev.herald.core;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Bounded waits for a transport's futures, for every module's transport tests (herald-core's
 * test-jar): the bound is only reached when a test is failing.
 */
public final class Acks {

    private Acks() {
    }

    public static <T> T result(CompletableFuture<T> future) {
        try {
            return future.get(RecordingListener.DEFAULT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for the transport", e);
        } catch (ExecutionException e) {
            throw new AssertionError("the transport failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("the transport did not answer within " + RecordingListener.DEFAULT_WAIT, e);
        }
    }
}
