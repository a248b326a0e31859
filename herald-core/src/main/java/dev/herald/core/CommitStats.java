package dev.herald.core;

/**
 * An optional ability of a {@link Transport} that commits updates to a disk in groups: counters an
 * operator reads at {@code /metrics} to see whether group commit works (updates per commit) and what the
 * disk costs (time per commit). Monotonic since the transport opened; cheap to read from any thread.
 */
public interface CommitStats {

    /** Successful group commits. */
    long commits();

    /** Updates in those commits. */
    long committedUpdates();

    /** Time spent in those commits (inserting, committing and, when durability asks, syncing), in nanoseconds. */
    long commitNanos();
}
