package dev.herald.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.core.RecordingListener;
import dev.herald.core.StoredUpdate;
import dev.herald.core.UpdateListener;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Records every listener call, and holds the writer thread inside the first one until released. While
 * it is held, appends pile up in the queue, so the test decides exactly what the next group commit
 * takes, without relying on timing.
 */
final class HoldingListener implements UpdateListener {

    private final CountDownLatch held = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);
    private final List<List<StoredUpdate>> calls = new ArrayList<>();

    @Override
    public void onUpdates(List<StoredUpdate> updates) {
        synchronized (calls) {
            calls.add(updates);
        }
        held.countDown();
        await(released, "the test to release the writer");
    }

    /** Waits until the writer is held inside the first call. */
    void awaitHeld() {
        await(held, "the writer to deliver its first batch");
    }

    void release() {
        released.countDown();
    }

    /** Every call so far, one batch each, in call order. */
    List<List<StoredUpdate>> calls() {
        synchronized (calls) {
            return List.copyOf(calls);
        }
    }

    /** Every update delivered so far, in delivery order. */
    List<StoredUpdate> updates() {
        return calls().stream().flatMap(List::stream).toList();
    }

    private static void await(CountDownLatch latch, String what) {
        try {
            assertThat(latch.await(RecordingListener.DEFAULT_WAIT.toMillis(), TimeUnit.MILLISECONDS))
                    .as("waited for " + what).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for " + what, e);
        }
    }
}
