package dev.herald.core;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An {@link UpdateListener} that remembers every update it was given, in the order given, and notices
 * when it is called concurrently (which the listener contract forbids). Waits are bounded (Awaitility),
 * so a transport that delivers on its own thread can be checked without sleeping.
 */
public final class RecordingListener implements UpdateListener {

    /** Long enough for any transport under test to deliver; only reached when a test is failing. */
    public static final Duration DEFAULT_WAIT = Duration.ofSeconds(10);

    private final List<StoredUpdate> received = new ArrayList<>();
    private final AtomicBoolean inCall = new AtomicBoolean();
    private final AtomicInteger overlappingCalls = new AtomicInteger();

    @Override
    public void onUpdates(List<StoredUpdate> updates) {
        if (!inCall.compareAndSet(false, true)) {
            overlappingCalls.incrementAndGet();
        }
        try {
            synchronized (received) {
                received.addAll(updates);
            }
            // Widens the window in which a second, concurrent call would be noticed.
            Thread.yield();
        } finally {
            inCall.set(false);
        }
    }

    /** A snapshot of everything received so far, in the order received. */
    public List<StoredUpdate> updates() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    public int count() {
        synchronized (received) {
            return received.size();
        }
    }

    /** How many calls started while another call was still running: 0 for a correct transport. */
    public int overlappingCalls() {
        return overlappingCalls.get();
    }

    /** Waits until at least {@code expected} updates were received and returns them all. */
    public List<StoredUpdate> awaitCount(int expected) {
        await().atMost(DEFAULT_WAIT).until(() -> count() >= expected);
        return updates();
    }
}
