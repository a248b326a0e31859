package dev.herald.core;

import java.util.List;

/** Receives appended updates from a {@link Transport}. */
@FunctionalInterface
public interface UpdateListener {

    /**
     * Called with updates in strictly increasing position order, never concurrently, each update once.
     * Runs on a transport thread: implementations must hand work off and return quickly.
     */
    void onUpdates(List<StoredUpdate> updates);
}
