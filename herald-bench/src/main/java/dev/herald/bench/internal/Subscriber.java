package dev.herald.bench.internal;

/**
 * One subscriber's topics and what it received of each. Written on its connection's event loop, read
 * after the loops stopped.
 */
final class Subscriber {

    final int index;
    final int[] topics;
    final SequenceTracker[] trackers;
    /** The hub answered 200 and the stream is open. */
    boolean opened;
    /** The hub ended the stream or closed the connection before the run was over. */
    boolean closedByServer;
    /** Its connection is active: set and cleared by its handler on the loop, read by the worker's thread. */
    volatile boolean connected;
    /** The id of the last event received, sent as {@code Last-Event-ID} when it reconnects; null before any. */
    String lastEventId;

    Subscriber(int index, int[] topics) {
        this.index = index;
        this.topics = topics;
        this.trackers = new SequenceTracker[topics.length];
        for (int i = 0; i < topics.length; i++) {
            trackers[i] = new SequenceTracker();
        }
    }

    /** The tracker of a topic index, or null when this subscriber did not name the topic. */
    SequenceTracker tracker(int topic) {
        for (int i = 0; i < topics.length; i++) {
            if (topics[i] == topic) {
                return trackers[i];
            }
        }
        return null;
    }
}
