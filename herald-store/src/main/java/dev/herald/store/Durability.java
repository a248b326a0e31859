package dev.herald.store;

/**
 * When {@link StoreTransport} acknowledges an append, and so what a crash can take back. Both modes
 * commit every batch of appends to SQLite's write-ahead log before acknowledging any of them, and both
 * leave the database consistent after any crash: a batch is all there or not at all, and positions
 * stay gap-free and unique. They differ in when the log reaches the disk itself.
 */
public enum Durability {

    /**
     * Each commit is fsync'ed before its appends are acknowledged (SQLite {@code synchronous=FULL} in WAL
     * mode). Survives a process crash and a power loss or kernel panic: every acknowledged update is
     * there after restart. Costs one fsync per commit, shared by every append of that group commit.
     */
    ALWAYS,

    /**
     * Appends are acknowledged once the commit is written to the log in the operating system's cache;
     * the log is fsync'ed only when SQLite checkpoints it into the database file (about every 1,000
     * pages, ~4 MB of log) (SQLite {@code synchronous=NORMAL} in WAL mode). Survives a crash of the hub
     * process (the kernel still writes its cache out), but a power loss or kernel panic may lose the
     * updates acknowledged since the last checkpoint; what remains is a consistent prefix of history.
     */
    BATCH
}
