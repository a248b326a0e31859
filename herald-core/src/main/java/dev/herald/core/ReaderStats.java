package dev.herald.core;

/**
 * An optional ability of a {@link Transport} whose live updates reach this node through a reader of a
 * shared log (Redis Streams): how far behind that reader is and how often it had to start over. An
 * operator reads them on the dashboard and at {@code /metrics} to tell a slow node from a slow Redis.
 * Cheap to read from any thread; the values are a moment's view, not a consistent snapshot.
 */
public interface ReaderStats {

    /**
     * Updates this node knows to exist (it appended them, or the log reported them when it was last
     * asked, about once a second) that its reader has not delivered yet; 0 when it is caught up. How
     * long they have waited is {@link DeliveryHealth#lag()}.
     */
    long readerLag();

    /** Times the reader started over after a failed read or a reconnect, since the transport opened. */
    long readerRecoveries();
}
