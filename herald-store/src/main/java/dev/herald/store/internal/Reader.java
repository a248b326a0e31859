package dev.herald.store.internal;

import dev.herald.core.History;
import dev.herald.core.LastEventId;
import dev.herald.core.Position;
import dev.herald.core.StoredUpdate;
import dev.herald.core.internal.UuidV7Ids;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Answers history reads on a few threads of its own, each read on its own connection in one SQLite
 * snapshot: the head, the id seek and the range come from the same committed state. In WAL mode
 * a snapshot neither waits for the writer nor holds it up, and no caller's thread does I/O.
 */
public final class Reader implements AutoCloseable {

    /** Reads are short seeks plus one range; two threads keep a burst of reconnects moving. */
    public static final int THREADS = 2;
    /** A read still running at close gets this long before its connection is closed under it. */
    private static final long CLOSE_WAIT_SECONDS = 10;

    private final Database database;
    private final RetentionWindow window;
    private final BlockingQueue<Connection> connections = new ArrayBlockingQueue<>(THREADS);
    private final ExecutorService executor;

    public Reader(Database database, RetentionWindow window) {
        this.database = database;
        this.window = window;
        try {
            for (int i = 0; i < THREADS; i++) {
                connections.add(database.openReader());
            }
        } catch (RuntimeException e) {
            connections.forEach(Database::closeQuietly);
            throw e;
        }
        AtomicInteger threadNumber = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(THREADS, task -> {
            Thread thread = new Thread(task, "herald-store-reader-" + threadNumber.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** The retained updates after the id, read on a reader thread; see StoreTransport#readAfter. */
    public CompletableFuture<History> readAfter(LastEventId lastEventId) {
        try {
            return CompletableFuture.supplyAsync(() -> read(lastEventId), executor);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(new IllegalStateException("transport is closed"));
        }
    }

    /** Lets running reads finish (bounded), refuses new ones, and closes the connections. */
    @Override
    public void close() {
        executor.shutdown();
        try {
            executor.awaitTermination(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        connections.forEach(Database::closeQuietly);
    }

    /** There are as many connections as threads, so one is always free here. */
    private History read(LastEventId lastEventId) {
        Connection connection = connections.remove();
        try {
            return read(connection, lastEventId);
        } catch (SQLException e) {
            rollback(connection);
            throw database.failure("read history after '" + lastEventId.value() + "' from", e);
        } finally {
            connections.add(connection);
        }
    }

    private History read(Connection connection, LastEventId lastEventId) throws SQLException {
        long head = head(connection);
        long firstRetained = window.firstPosition(head);
        long oldestCreatedAt = window.oldestCreatedAt();
        long after = lastEventId.isEarliest() ? -1 : seek(connection, lastEventId.value(), firstRetained, head,
                oldestCreatedAt);
        List<StoredUpdate> updates = range(connection, after < 0 ? firstRetained : after + 1, head,
                oldestCreatedAt);
        connection.commit(); // ends the snapshot, so checkpoints can recycle the log behind it
        String resumedFrom = after < 0 ? LastEventId.EARLIEST : lastEventId.value();
        return new History(resumedFrom, updates, new Position(head));
    }

    private static long head(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(Sql.HEAD);
                ResultSet row = select.executeQuery()) {
            return row.next() ? row.getLong(1) : 0;
        }
    }

    /**
     * The earliest retained position with this id, or -1: a publisher may have chosen any id, even one
     * that looks generated, so the supplied-id index is always asked; an id in the generated form is
     * also looked up at the position it carries, and the earlier of the two wins.
     */
    private static long seek(Connection connection, String id, long firstRetained, long head, long oldestCreatedAt)
            throws SQLException {
        long supplied;
        try (PreparedStatement select = connection.prepareStatement(Sql.SEEK_SUPPLIED_ID)) {
            select.setString(1, id);
            select.setLong(2, firstRetained);
            select.setLong(3, head);
            select.setLong(4, oldestCreatedAt);
            supplied = firstPosition(select);
        }
        long carried = UuidV7Ids.sequenceOf(id);
        if (carried < firstRetained || carried > head || (supplied >= 0 && supplied < carried)) {
            return supplied;
        }
        try (PreparedStatement select = connection.prepareStatement(Sql.FIND_GENERATED_ID)) {
            select.setLong(1, carried);
            select.setString(2, id);
            select.setLong(3, oldestCreatedAt);
            long generated = firstPosition(select);
            return generated >= 0 ? generated : supplied;
        }
    }

    private static long firstPosition(PreparedStatement select) throws SQLException {
        try (ResultSet row = select.executeQuery()) {
            return row.next() ? row.getLong(1) : -1;
        }
    }

    private static List<StoredUpdate> range(Connection connection, long from, long head, long oldestCreatedAt)
            throws SQLException {
        List<StoredUpdate> updates = new ArrayList<>((int) Math.min(Math.max(head - from + 1, 0), 1024));
        try (PreparedStatement select = connection.prepareStatement(Sql.RANGE)) {
            select.setLong(1, from);
            select.setLong(2, head);
            select.setLong(3, oldestCreatedAt);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    updates.add(Rows.read(rows));
                }
            }
        }
        return updates;
    }

    private static void rollback(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            // The next read begins a fresh transaction on this connection either way.
        }
    }
}
