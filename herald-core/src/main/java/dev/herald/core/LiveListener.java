package dev.herald.core;

/** Receives live-only updates from a {@link LiveBroadcast}: see its contract for order and threads. */
@FunctionalInterface
public interface LiveListener {

    /**
     * Called once per live-only update that reaches this node. May run on any transport thread, also
     * concurrently with itself and with {@link UpdateListener#onUpdates}: implementations hand work off
     * and return quickly, and keep their own state thread-safe.
     */
    void onLive(Update update);
}
