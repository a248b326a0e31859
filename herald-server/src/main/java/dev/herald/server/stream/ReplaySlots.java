package dev.herald.server.stream;

import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * How many replays a node runs at once, and who waits for the next free slot. A replay holds a page of
 * history, its write buffer and the live updates held behind it, and takes turns on the transport's
 * readers: bounding their number bounds what resuming clients can hold, stalled or not. A resuming
 * client that finds every slot taken waits its turn, first come first served, in a queue of bounded
 * length; a waiting client holds nothing but its connection (no history is read, no live update held).
 * Refusing it instead would turn a reconnect storm into a retry storm: 10,000 clients resuming after a
 * restart, refused and coming back every 1-4 s, cost the hub more in refusals than their replays.
 * Any thread; the bookkeeping is behind one lock, taken once or twice per replay.
 */
final class ReplaySlots {

    /** One taken slot; giving it back more than once gives it back once. */
    final class Slot implements Runnable {
        private boolean released;

        private Slot() {
        }

        /** Gives the slot back: to the first waiting client, or to the pool. */
        @Override
        public void run() {
            Waiting next;
            synchronized (ReplaySlots.this) {
                if (released) {
                    return;
                }
                released = true;
                Iterator<Waiting> first = waiting.iterator();
                if (!first.hasNext()) {
                    inUse--;
                    return;
                }
                next = first.next();
                first.remove();
                next.granted = true;
            }
            next.onGranted.accept(new Slot()); // outside the lock: it hops to its own event loop
        }
    }

    /** A client waiting for a slot. */
    final class Waiting {
        private final Consumer<Slot> onGranted;
        private boolean granted;

        private Waiting(Consumer<Slot> onGranted) {
            this.onGranted = onGranted;
        }

        /**
         * Leaves the queue (the client closed, or waited too long); false when a slot was already
         * granted, so that the grant's own callback must give it back.
         */
        boolean cancel() {
            synchronized (ReplaySlots.this) {
                return !granted && waiting.remove(this);
            }
        }
    }

    /** The answer to a request: a slot now, a place in the queue, or neither (the queue is full). */
    record Ticket(Slot slot, Waiting waiting) {
        static final Ticket REFUSED = new Ticket(null, null);

        boolean refused() {
            return slot == null && waiting == null;
        }
    }

    private final int max;
    private final int maxWaiting;
    /** In arrival order; a set so that a client leaving the middle of a long queue costs no scan. */
    private final LinkedHashSet<Waiting> waiting = new LinkedHashSet<>();
    private int inUse;

    ReplaySlots(int max, int maxWaiting) {
        if (max < 1) {
            throw new IllegalArgumentException("max replays must be at least 1: " + max);
        }
        if (maxWaiting < 0) {
            throw new IllegalArgumentException("max waiting replays must be at least 0: " + maxWaiting);
        }
        this.max = max;
        this.maxWaiting = maxWaiting;
    }

    /**
     * A slot now, or a place in the queue: {@code onGranted} then receives a slot later, on the thread
     * that gave one back. Refused when {@code maxWaiting} clients already wait.
     */
    synchronized Ticket request(Consumer<Slot> onGranted) {
        Objects.requireNonNull(onGranted, "onGranted");
        if (inUse < max) {
            inUse++;
            return new Ticket(new Slot(), null);
        }
        if (waiting.size() >= maxWaiting) {
            return Ticket.REFUSED;
        }
        Waiting place = new Waiting(onGranted);
        waiting.add(place);
        return new Ticket(null, place);
    }

    int max() {
        return max;
    }

    int maxWaiting() {
        return maxWaiting;
    }

    /** Replays running now. */
    synchronized int inUse() {
        return inUse;
    }

    /** Clients waiting for a slot now. */
    synchronized int waitingCount() {
        return waiting.size();
    }
}
