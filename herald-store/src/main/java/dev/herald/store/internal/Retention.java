package dev.herald.store.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Deletes the rows that fell out of the {@link RetentionWindow}, on the writer's thread and connection,
 * between group commits, one bounded chunk per transaction so a publish never waits long behind it.
 *
 * <p>It runs when a full chunk is past the count limit, when the last chunk was full, and otherwise once
 * per {@link #CHECK_INTERVAL_NANOS}; a check that finds the oldest row retained costs one row read.
 * Deleting in the background is safe because reads apply the window themselves.
 *
 * <p>The head's row is never deleted, even past the age limit (reads hide it): its {@code created_at}
 * is what seeds the ids generated after a restart.
 */
final class Retention {

    /**
     * Rows per delete transaction. 2,000 rows of 200-byte data took ~5 ms here (~20 ms when a WAL
     * checkpoint fell into it), which a publish may wait; and it is twice the default batch limit, so at
     * full write speed each commit's rows are deleted by one chunk and retention keeps pace.
     */
    static final int CHUNK = 2_000;
    /** Age limits are days, not seconds: a check per second is plenty and costs nothing. */
    static final long CHECK_INTERVAL_NANOS = 1_000_000_000L;

    private final Connection connection;
    private final RetentionWindow window;
    private long oldest;
    private boolean backlog;
    private long nextCheckNanos;

    Retention(Connection connection, RetentionWindow window, long oldest) {
        this.connection = connection;
        this.window = window;
        this.oldest = oldest;
        this.nextCheckNanos = System.nanoTime();
    }

    /** True when a chunk should be deleted now. */
    boolean due(long head) {
        return backlog
                || window.firstPosition(head) - oldest >= CHUNK
                || System.nanoTime() - nextCheckNanos >= 0;
    }

    /** True when more chunks are waiting, so the writer should not idle before the next one. */
    boolean hasBacklog() {
        return backlog;
    }

    /**
     * Deletes at most one chunk of rows outside the window; commits it. On a failure the writer restarts
     * the transaction (which a plain rollback cannot always do, see {@code Writer.restartTransaction}).
     */
    void run(long head) throws SQLException {
        nextCheckNanos = System.nanoTime() + CHECK_INTERVAL_NANOS;
        backlog = false;
        long firstRetained = window.firstPosition(head);
        long oldestCreatedAt = window.oldestCreatedAt();
        if (oldest >= head || (oldest >= firstRetained && createdAt(oldest) >= oldestCreatedAt)) {
            return;
        }
        long bound = Math.min(oldest + CHUNK, head);
        int deleted;
        try (PreparedStatement delete = connection.prepareStatement(Sql.DELETE_CHUNK)) {
            delete.setLong(1, bound);
            delete.setLong(2, firstRetained);
            delete.setLong(3, oldestCreatedAt);
            deleted = delete.executeUpdate();
            connection.commit();
        }
        oldest = oldestStored(head);
        backlog = deleted == CHUNK;
    }

    private long createdAt(long position) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(Sql.CREATED_AT)) {
            select.setLong(1, position);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? row.getLong(1) : Long.MIN_VALUE;
            }
        }
    }

    private long oldestStored(long head) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(Sql.OLDEST);
                ResultSet row = select.executeQuery()) {
            long min = row.next() ? row.getLong(1) : 0;
            return min == 0 ? head + 1 : min;
        }
    }
}
