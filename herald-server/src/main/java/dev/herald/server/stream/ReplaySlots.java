package dev.herald.server.stream;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many replays a node runs at once. A replay holds a page of history, its write buffer and the live
 * updates held behind it, and takes turns on the transport's readers: bounding their number bounds what
 * resuming clients can hold, stalled or not. Any thread.
 */
final class ReplaySlots {

    /** One taken slot; giving it back more than once gives it back once. */
    static final class Slot implements Runnable {
        private final AtomicInteger inUse;
        private final AtomicBoolean released = new AtomicBoolean();

        private Slot(AtomicInteger inUse) {
            this.inUse = inUse;
        }

        /** Gives the slot back. */
        @Override
        public void run() {
            if (released.compareAndSet(false, true)) {
                inUse.decrementAndGet();
            }
        }
    }

    private final int max;
    private final AtomicInteger inUse = new AtomicInteger();

    ReplaySlots(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max replays must be at least 1: " + max);
        }
        this.max = max;
    }

    /** A slot, or null when {@code max} replays are running. */
    Slot tryTake() {
        if (inUse.incrementAndGet() > max) {
            inUse.decrementAndGet();
            return null;
        }
        return new Slot(inUse);
    }

    int max() {
        return max;
    }

    /** Replays running now. */
    int inUse() {
        return inUse.get();
    }
}
