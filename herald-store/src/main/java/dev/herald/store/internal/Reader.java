package dev.herald.store.internal;

import dev.herald.core.HistoryOvertakenException;
import dev.herald.core.HistoryPage;
import dev.herald.core.LastEventId;
import dev.herald.core.PageRequest;
import dev.herald.core.Position;
import dev.herald.core.internal.CoalescedReads;
import dev.herald.core.internal.UuidV7Ids;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

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
    /** One update, for {@link #warmUp}. */
    private static final PageRequest WARM_UP = new PageRequest(1, 1, java.util.Set.of());
    /** A read still running at close gets this long before its connection is closed under it. */
    private static final long CLOSE_WAIT_SECONDS = 10;

    private final Database database;
    private final RetentionWindow window;
    private final BlockingQueue<ReaderConnection> connections = new ArrayBlockingQueue<>(THREADS);
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
                ReaderConnection connection = new ReaderConnection(database.openReader());
                connections.add(connection);
                warmUp(connection);
            }
        } catch (RuntimeException e) {
            connections.forEach(ReaderConnection::close);
            throw e;
        }
        AtomicInteger threadNumber = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(THREADS, task -> {
            Thread thread = new Thread(task, "herald-store-reader-" + threadNumber.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.reads = new CoalescedReads<>(executor);
        try {
            warmUpReplay();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /**
     * Reads the oldest update once on a new connection, on the caller's thread: SQLite parses the
     * schema and the JVM loads and links the read path now, not during the first subscriber's replay
     * after a restart (about 40 ms of the 200 ms its first event took in a fresh JVM).
     */
    private void warmUp(ReaderConnection connection) {
        run(c -> first(c, LastEventId.earliest(), WARM_UP), "warm up a reader of", connection);
    }

    /**
     * Reads a first page and, when there is one, the page after it, through the pool as a replay does:
     * the reader threads start, and the JVM bootstraps the read keys' record methods ({@code hashCode},
     * {@code equals}: about 50 ms the first time in a fresh JVM) now, not during the first replay after
     * a restart.
     */
    private void warmUpReplay() {
        try {
            HistoryPage first = readAfter(LastEventId.earliest(), WARM_UP).join();
            if (!first.last()) {
                readNext(first, WARM_UP).join();
            }
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
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
        connections.forEach(ReaderConnection::close);
    }

    /** One read in one snapshot, on a connection of the pool; the snapshot ends with the read. */
    private interface Read {
        HistoryPage on(ReaderConnection connection) throws SQLException;
    }

    private CompletableFuture<HistoryPage> submit(Object key, Read read, String doing) {
        if (executor.isShutdown()) {
            return CompletableFuture.failedFuture(closed());
        }
        return reads.submit(key, () -> run(read, doing)).exceptionallyCompose(failure ->
                CompletableFuture.failedFuture(failure.getCause() instanceof RejectedExecutionException
                        ? closed() : failure));
    }

    /** What a read asked for after close gets, whether it saw the close first or the executor did. */
    private static IllegalStateException closed() {
        return new IllegalStateException("transport is closed");
    }

    /** There are as many connections as threads, so one is always free here. */
    private HistoryPage run(Read read, String doing) {
        ReaderConnection connection = connections.remove();
        try {
            return run(read, doing, connection);
        } finally {
            connections.add(connection);
        }
    }

    private HistoryPage run(Read read, String doing, ReaderConnection connection) {
        try {
            HistoryPage page = read.on(connection);
            connection.endSnapshot();
            return page;
        } catch (SQLException e) {
            connection.abandonSnapshot();
            throw database.failure(doing, e);
        } catch (RuntimeException e) {
            connection.abandonSnapshot();
            throw e;
        }
    }

    private HistoryPage first(ReaderConnection connection, LastEventId lastEventId, PageRequest request)
            throws SQLException {
        long head = head(connection);
        long firstRetained = window.firstPosition(head);
        long oldestCreatedAt = window.oldestCreatedAt();
        long after = lastEventId.isEarliest() ? -1 : seek(connection, lastEventId.value(), firstRetained, head,
                oldestCreatedAt);
        String resumedFrom = after < 0 ? LastEventId.EARLIEST : lastEventId.value();
        HistoryPage start = new HistoryPage(resumedFrom, new Position(head), List.of(),
                new Position(after < 0 ? firstRetained - 1 : after));
        return PageReader.page(connection, start, request, oldestCreatedAt);
    }

    /**
     * The page after {@code previous}, unless retention removed the position right after it: by count
     * (it fell out of the newest historySize) or by age (its row is gone or too old). Retention removes
     * a prefix, so that one position tells whether anything the replay still needs is gone.
     */
    private HistoryPage next(ReaderConnection connection, HistoryPage previous, PageRequest request) throws SQLException {
        long needed = previous.after().sequence() + 1;
        long oldestCreatedAt = window.oldestCreatedAt();
        if (needed < window.firstPosition(head(connection)) || !retainedByAge(connection, needed, oldestCreatedAt)) {
            throw new HistoryOvertakenException(previous.after());
        }
        return PageReader.page(connection, previous, request, oldestCreatedAt);
    }

    private static boolean retainedByAge(ReaderConnection connection, long position, long oldestCreatedAt)
            throws SQLException {
        PreparedStatement select = connection.statement(Sql.CREATED_AT);
        select.setLong(1, position);
        try (ResultSet row = select.executeQuery()) {
            return row.next() && row.getLong(1) >= oldestCreatedAt;
        }
    }

    private static long head(ReaderConnection connection) throws SQLException {
        try (ResultSet row = connection.statement(Sql.HEAD).executeQuery()) {
            return row.next() ? row.getLong(1) : 0;
        }
    }

    /**
     * The earliest retained position with this id, or -1: a publisher may have chosen any id, even one
     * that looks generated, so the supplied-id index is always asked; an id in the generated form is
     * also looked up at the position it carries, and the earlier of the two wins.
     */
    private static long seek(ReaderConnection connection, String id, long firstRetained, long head,
            long oldestCreatedAt) throws SQLException {
        PreparedStatement suppliedSeek = connection.statement(Sql.SEEK_SUPPLIED_ID);
        suppliedSeek.setString(1, id);
        suppliedSeek.setLong(2, firstRetained);
        suppliedSeek.setLong(3, head);
        suppliedSeek.setLong(4, oldestCreatedAt);
        long supplied = firstPosition(suppliedSeek);
        long carried = UuidV7Ids.sequenceOf(id);
        if (carried < firstRetained || carried > head || (supplied >= 0 && supplied < carried)) {
            return supplied;
        }
        PreparedStatement generatedLookup = connection.statement(Sql.FIND_GENERATED_ID);
        generatedLookup.setLong(1, carried);
        generatedLookup.setString(2, id);
        generatedLookup.setLong(3, oldestCreatedAt);
        long generated = firstPosition(generatedLookup);
        return generated >= 0 ? generated : supplied;
    }

    private static long firstPosition(PreparedStatement select) throws SQLException {
        try (ResultSet row = select.executeQuery()) {
            return row.next() ? row.getLong(1) : -1;
        }
    }
}
