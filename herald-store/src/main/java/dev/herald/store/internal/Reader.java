package dev.herald.store.internal;

import dev.herald.core.HistoryOvertakenException;
import dev.herald.core.HistoryPage;
import dev.herald.core.LastEventId;
import dev.herald.core.PageBuilder;
import dev.herald.core.PageRequest;
import dev.herald.core.Position;
import dev.herald.core.StoredUpdate;
import dev.herald.core.internal.CoalescedReads;
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
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;
import org.sqlite.SQLiteLimits;

/**
 * Answers history reads on a few threads of its own, each read on its own connection in one short
 * SQLite snapshot: the head, the id seek and the first page come from the same committed state; each
 * further page is a snapshot of its own, and nothing is held between pages. In WAL mode
 * a snapshot neither waits for the writer nor holds it up, and no caller's thread does I/O.
 */
public final class Reader implements AutoCloseable {

    /**
     * Reads are short: a seek plus one page, or one page. A slow client holds no thread between its
     * pages, so two threads keep a burst of reconnects moving.
     */
    public static final int THREADS = 2;
    /**
     * The most positions one topic-filtered page read looks at: a subscriber of a rare topic reads a
     * 1,000,000-update history in about 120 reads of a few milliseconds each, never one long one.
     */
    static final int SCAN_WINDOW = 8192;
    /**
     * The most bytes a page's records may take as one value: a page of 512 updates of up to about 2 KiB
     * each. A larger page fails at once (SQLITE_TOOBIG, before it takes more memory) and is read row
     * by row, so a history of large updates never makes a reader build a value of hundreds of MB.
     */
    static final int CONCATENATED_LIMIT = 1 << 20;
    /** SQLite's own default for {@code SQLITE_LIMIT_LENGTH}, restored after each concatenated read. */
    private static final int SQLITE_DEFAULT_LENGTH = 1_000_000_000;
    /** One update, for {@link #warmUp}. */
    private static final PageRequest WARM_UP = new PageRequest(1, 1, java.util.Set.of());
    /** A read still running at close gets this long before its connection is closed under it. */
    private static final long CLOSE_WAIT_SECONDS = 10;

    private final Database database;
    private final RetentionWindow window;
    private final BlockingQueue<Connection> connections = new ArrayBlockingQueue<>(THREADS);
    private final ExecutorService executor;
    /** Identical reads waiting for a thread share one (a reconnect storm resumes after the same id). */
    private final CoalescedReads<Object, HistoryPage> reads;

    /** What makes two first-page reads identical. */
    private record FirstPage(String lastEventId, PageRequest request) {
    }

    /** What makes two next-page reads identical: the page depends on these, and only on these. */
    private record NextPage(String resumedFrom, Position head, Position after, PageRequest request) {
    }

    public Reader(Database database, RetentionWindow window) {
        this.database = database;
        this.window = window;
        try {
            for (int i = 0; i < THREADS; i++) {
                Connection connection = database.openReader();
                connections.add(connection);
                warmUp(connection);
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
        this.reads = new CoalescedReads<>(executor);
    }

    /**
     * Reads the oldest update once on a new connection, on the caller's thread: SQLite parses the
     * schema and the JVM loads and links the read path now, not during the first subscriber's replay
     * after a restart (about 40 ms of the 200 ms its first event took in a fresh JVM).
     */
    private void warmUp(Connection connection) {
        run(c -> first(c, LastEventId.earliest(), WARM_UP), "warm up a reader of", connection);
    }

    /** The first page of a replay, read on a reader thread; see StoreTransport#readAfter. */
    public CompletableFuture<HistoryPage> readAfter(LastEventId lastEventId, PageRequest request) {
        return submit(new FirstPage(lastEventId.value(), request), connection -> first(connection, lastEventId, request),
                "read history after '" + lastEventId.value() + "' from");
    }

    /** The page after {@code previous}, read on a reader thread; see StoreTransport#readNext. */
    public CompletableFuture<HistoryPage> readNext(HistoryPage previous, PageRequest request) {
        return submit(new NextPage(previous.resumedFrom(), previous.head(), previous.after(), request),
                connection -> next(connection, previous, request),
                "read history after position " + previous.after().sequence() + " from");
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

    /** One read in one snapshot, on a connection of the pool; the snapshot ends with the read. */
    private interface Read {
        HistoryPage on(Connection connection) throws SQLException;
    }

    private CompletableFuture<HistoryPage> submit(Object key, Read read, String doing) {
        if (executor.isShutdown()) {
            return CompletableFuture.failedFuture(new IllegalStateException("transport is closed"));
        }
        return reads.submit(key, () -> run(read, doing)).exceptionallyCompose(failure ->
                CompletableFuture.failedFuture(failure.getCause() instanceof RejectedExecutionException
                        ? new IllegalStateException("transport is closed") : failure));
    }

    /** There are as many connections as threads, so one is always free here. */
    private HistoryPage run(Read read, String doing) {
        Connection connection = connections.remove();
        try {
            return run(read, doing, connection);
        } finally {
            connections.add(connection);
        }
    }

    private HistoryPage run(Read read, String doing, Connection connection) {
        try {
            HistoryPage page = read.on(connection);
            connection.commit(); // ends the snapshot, so checkpoints can recycle the log behind it
            return page;
        } catch (SQLException e) {
            rollback(connection);
            throw database.failure(doing, e);
        } catch (RuntimeException e) {
            rollback(connection);
            throw e;
        }
    }

    private HistoryPage first(Connection connection, LastEventId lastEventId, PageRequest request)
            throws SQLException {
        long head = head(connection);
        long firstRetained = window.firstPosition(head);
        long oldestCreatedAt = window.oldestCreatedAt();
        long after = lastEventId.isEarliest() ? -1 : seek(connection, lastEventId.value(), firstRetained, head,
                oldestCreatedAt);
        String resumedFrom = after < 0 ? LastEventId.EARLIEST : lastEventId.value();
        HistoryPage start = new HistoryPage(resumedFrom, new Position(head), List.of(),
                new Position(after < 0 ? firstRetained - 1 : after));
        return page(connection, start, request, oldestCreatedAt);
    }

    /**
     * The page after {@code previous}, unless retention removed the position right after it: by count
     * (it fell out of the newest historySize) or by age (its row is gone or too old). Retention removes
     * a prefix, so that one position tells whether anything the replay still needs is gone.
     */
    private HistoryPage next(Connection connection, HistoryPage previous, PageRequest request) throws SQLException {
        long needed = previous.after().sequence() + 1;
        long oldestCreatedAt = window.oldestCreatedAt();
        if (needed < window.firstPosition(head(connection)) || !retainedByAge(connection, needed, oldestCreatedAt)) {
            throw new HistoryOvertakenException(previous.after());
        }
        return page(connection, previous, request, oldestCreatedAt);
    }

    private static boolean retainedByAge(Connection connection, long position, long oldestCreatedAt)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(Sql.CREATED_AT)) {
            select.setLong(1, position);
            try (ResultSet row = select.executeQuery()) {
                return row.next() && row.getLong(1) >= oldestCreatedAt;
            }
        }
    }

    /**
     * The page after {@code previous.after()}: at most the request's rows from one LIMITed rowid range.
     * A topic-filtered page looks at no more than {@link #SCAN_WINDOW} positions, so a rare topic costs
     * a bounded read per page, not a pass over the whole history in one read. The rows come as one
     * concatenated value ({@link Sql#page}) unless that would exceed {@link #CONCATENATED_LIMIT}
     * (large updates); then row by row ({@link Sql#rows}), which stops as soon as the page is full.
     */
    private static HistoryPage page(Connection connection, HistoryPage previous, PageRequest request,
            long oldestCreatedAt) throws SQLException {
        long start = previous.after().sequence();
        long head = previous.head().sequence();
        long end = request.filtered() ? Math.min(head, start + SCAN_WINDOW) : head;
        PageRange range = new PageRange(start, end, oldestCreatedAt, patterns(request), request.maxUpdates());
        PageFill fill = new PageFill(range, new PageBuilder(request));
        int rowsRead;
        try {
            rowsRead = readConcatenated(connection, range, fill);
        } catch (SQLiteException e) {
            if (e.getResultCode() != SQLiteErrorCode.SQLITE_TOOBIG) {
                throw e;
            }
            fill = new PageFill(range, new PageBuilder(request));
            rowsRead = readRowByRow(connection, range, fill);
        }
        // A range that held fewer rows than the limit, all taken or skipped: the page covers all of it.
        long after = !fill.full() && rowsRead < request.maxUpdates() ? end : fill.after();
        return previous.next(fill.updates(), new Position(after));
    }

    /** What one page reads: the positions after {@code start} up to {@code end}, filtered, limited. */
    private record PageRange(long start, long end, long oldestCreatedAt, List<String> patterns, int maxRows) {

        PreparedStatement prepare(Connection connection, String sql) throws SQLException {
            PreparedStatement select = connection.prepareStatement(sql);
            int parameter = 1;
            select.setLong(parameter++, start);
            select.setLong(parameter++, end);
            select.setLong(parameter++, oldestCreatedAt);
            for (String pattern : patterns) {
                select.setString(parameter++, pattern);
            }
            select.setInt(parameter, maxRows);
            return select;
        }
    }

    /** The page's records in one value, read under a length limit so a page of large updates fails fast. */
    private static int readConcatenated(Connection connection, PageRange range, PageFill fill) throws SQLException {
        SQLiteConnection sqlite = connection.unwrap(SQLiteConnection.class);
        sqlite.setLimit(SQLiteLimits.SQLITE_LIMIT_LENGTH, CONCATENATED_LIMIT);
        try (PreparedStatement select = range.prepare(connection, Sql.page(range.patterns().size()));
                ResultSet result = select.executeQuery()) {
            result.next();
            int rowsRead = result.getInt(1);
            byte[] records = result.getBytes(2);
            UpdateRecord.Records reader = new UpdateRecord.Records(records == null ? new byte[0] : records);
            while (reader.hasNext() && fill.offer(reader)) {
                // offer takes the next record; it stops once the page is full
            }
            return rowsRead;
        } finally {
            sqlite.setLimit(SQLiteLimits.SQLITE_LIMIT_LENGTH, SQLITE_DEFAULT_LENGTH);
        }
    }

    /** The page's records one row at a time, for rows too large to concatenate. */
    private static int readRowByRow(Connection connection, PageRange range, PageFill fill) throws SQLException {
        int rowsRead = 0;
        try (PreparedStatement select = range.prepare(connection, Sql.rows(range.patterns().size()));
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                rowsRead++;
                if (!fill.offer(new UpdateRecord.Records(rows.getBytes(1)))) {
                    break;
                }
            }
        }
        return rowsRead;
    }

    /**
     * Offers a page's records to its builder in order until it is full, and remembers the last position
     * it took or skipped. Records out of order or outside the page's range mean a query did not do what
     * {@link Sql#page} says: a {@link SQLException}, never a silent reorder.
     */
    private static final class PageFill {

        private final PageRange range;
        private final PageBuilder page;
        private long after;

        PageFill(PageRange range, PageBuilder page) {
            this.range = range;
            this.page = page;
            this.after = range.start();
        }

        /** Offers the next record; false once the page is full (that record is not in it). */
        boolean offer(UpdateRecord.Records records) throws SQLException {
            StoredUpdate stored;
            try {
                stored = records.next();
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new SQLException("corrupt update record after position " + after + ": " + e.getMessage(), e);
            }
            long position = stored.position().sequence();
            if (position <= after || position > range.end()) {
                throw new SQLException("page records out of order: position " + position + " after " + after
                        + " (page ends at " + range.end() + ")");
            }
            if (!page.offer(stored)) {
                return false;
            }
            after = position;
            return true;
        }

        boolean full() {
            return page.full();
        }

        long after() {
            return after;
        }

        List<StoredUpdate> updates() {
            return page.updates();
        }
    }

    /** The topics in their stored encoding, to filter on in SQL; none when there are too many. */
    private static List<String> patterns(PageRequest request) {
        if (request.topics().size() > Sql.MAX_FILTER_TOPICS) {
            return List.of();
        }
        List<String> patterns = new ArrayList<>(request.topics().size());
        for (String topic : request.topics()) {
            patterns.add(TopicsCodec.encode(List.of(topic)));
        }
        return patterns;
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

    private static void rollback(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            // The next read begins a fresh transaction on this connection either way.
        }
    }
}
