package dev.herald.store.internal;

import dev.herald.core.Appended;
import dev.herald.core.DeliveryHealth;
import dev.herald.core.IdempotencyKey;
import dev.herald.core.Position;
import dev.herald.core.StoredUpdate;
import dev.herald.core.Update;
import dev.herald.core.UpdateListener;
import dev.herald.core.internal.IdempotencyIndex;
import dev.herald.core.internal.UuidV7Ids;
import dev.herald.store.StoreException;
import dev.herald.store.StoreFullException;
import dev.herald.store.internal.AppendQueue.Pending;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * The store's one writer thread. It takes everything queued (up to the batch limit), numbers it,
 * inserts it in one transaction and commits: one group commit, and in {@code ALWAYS} mode one fsync,
 * for many concurrent publishes. Only after the commit succeeded does it hand the batch to the listener
 * (one call per commit, in position order) and complete the appends' futures, on this thread. A failed
 * commit is rolled back: its futures fail, its positions are used again by the next batch (none of them
 * was acknowledged), and nothing of it is delivered. The next batch simply tries again, so a full disk
 * ({@link StoreFullException}) refuses appends only until space returns.
 *
 * <p>Between commits the thread also runs {@link Retention}, so deletes never race with inserts, and,
 * while commits fail, a probe that tells when the disk takes writes again ({@link WriterHealth}).
 */
public final class Writer {

    private static final Logger LOG = LoggerFactory.getLogger(Writer.class);
    private static final String ID_PREFIX = "urn:uuid:";

    private final Connection connection;
    private final Inserts inserts;
    private final AppendQueue queue;
    private final Retention retention;
    private final Clock clock;
    private final UuidV7Ids ids;
    private final int batchLimit;
    /** Writer-thread state: the idempotency keys remembered, including those of the batch being committed. */
    private final IdempotencyIndex keys;
    private final AtomicLong commits = new AtomicLong();
    private final AtomicLong committedUpdates = new AtomicLong();
    private final AtomicLong commitNanos = new AtomicLong();
    private final CommitFailureLog failureLog = new CommitFailureLog();
    private final WriterHealth health = new WriterHealth();
    private volatile Thread thread;
    private UpdateListener listener;
    /** Writer-thread state: the newest committed position and commit time. */
    private long head;
    private long newestCreatedAt;
    /** False when a failure left the connection's transaction state unknown: restart it before inserting. */
    private boolean inTransaction = true;

    public Writer(Connection connection, StoreState state, RetentionWindow window, int batchLimit, int maxQueued,
            IdempotencyIndex keys) {
        this.keys = keys;
        this.connection = connection;
        this.inserts = new Inserts(connection);
        this.queue = new AppendQueue(maxQueued);
        this.retention = new Retention(connection, window, state.oldest());
        this.clock = window.clock();
        this.ids = new UuidV7Ids(new FloorClock(clock, state.newestCreatedAt() + 1));
        this.batchLimit = batchLimit;
        this.head = state.head();
        this.newestCreatedAt = state.newestCreatedAt();
    }

    /** Starts the thread that commits and delivers to the listener. */
    public synchronized void start(UpdateListener updateListener) {
        Objects.requireNonNull(updateListener, "listener");
        if (thread != null) {
            throw new IllegalStateException("already started");
        }
        listener = updateListener;
        if (!queue.open()) {
            throw new IllegalStateException("transport is closed");
        }
        Thread writer = new Thread(this::run, "herald-store-writer");
        // Not what keeps queued appends safe (close() does); a forgotten close must not hang the JVM.
        writer.setDaemon(true);
        thread = writer;
        writer.start();
    }

    /**
     * Queues an append, with its publisher's idempotency key and the request's fingerprint, or nulls;
     * never blocks. Refused at once when
     * not started, closed, or the queue is full. Keys are checked on the writer thread, in queue order, so
     * a retry queued while its first attempt waits finds it.
     */
    public CompletableFuture<Appended> submit(Update update, IdempotencyKey key, String fingerprint) {
        return queue.offer(update, key, fingerprint);
    }

    /**
     * Refuses further appends, lets the thread commit and deliver everything already queued, and waits
     * for it to end. Returns at once when called on the writer thread itself (from the listener), which
     * cannot wait for itself; {@link #awaitStopped} then does, from another thread.
     */
    public void stop() {
        queue.close();
        awaitStopped();
    }

    /** Waits for the writer thread to end, unless called on it or it never started. */
    public void awaitStopped() {
        Thread writer = thread;
        if (writer == null || writer == Thread.currentThread()) {
            return;
        }
        boolean interrupted = false;
        while (writer.isAlive()) {
            try {
                writer.join();
            } catch (InterruptedException e) {
                interrupted = true; // finish waiting: the connection must not close under the writer
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** How delivery goes: see {@link WriterHealth}. Never blocks on the writer thread. */
    public DeliveryHealth deliveryHealth() {
        return health.report(thread != null, queue.isOpen(), queue.oldestQueuedNanos(), System.nanoTime());
    }

    public boolean isWriterThread() {
        return thread == Thread.currentThread();
    }

    /** Successful group commits so far (retention's deletes not counted). */
    public long commits() {
        return commits.get();
    }

    /** Updates in the successful commits so far. */
    public long committedUpdates() {
        return committedUpdates.get();
    }

    /** Time spent inserting and committing (with the fsync, in ALWAYS mode) the successful commits. */
    public long commitNanos() {
        return commitNanos.get();
    }

    private void run() {
        List<Pending> batch = new ArrayList<>(batchLimit);
        try {
            boolean running = true;
            while (running) {
                batch.clear();
                long wait = retention.hasBacklog() ? 0 : Retention.CHECK_INTERVAL_NANOS;
                running = queue.take(batch, batchLimit, wait);
                if (!batch.isEmpty()) {
                    health.batchStarted(batch.get(0).queuedAtNanos());
                    commitAndDeliver(batch);
                    health.batchDone();
                } else {
                    probeWhileFailing();
                }
                enforceRetention();
            }
        } catch (Throwable e) {
            // An Error (out of memory, or thrown by the listener): nobody would ever answer the queue.
            LOG.error("store writer thread failed; refusing appends from now on", e);
            health.died(e);
            AppendQueue.fail(batch, new StoreException("store writer failed: " + e, e));
            throw e;
        } finally {
            inserts.close();
            queue.closeAndFailQueued(new StoreException("store writer stopped before committing this update"));
        }
    }

    private void commitAndDeliver(List<Pending> batch) {
        long started = System.nanoTime();
        List<NewRow> rows = new ArrayList<>(batch.size());
        // Per pending: its row's index, or -1 when the key answers it without a row (repeat, conflict).
        int[] rowOf = new int[batch.size()];
        Object[] keyAnswers = new Object[batch.size()];
        List<String> keysOfBatch = new ArrayList<>();
        try {
            if (!inTransaction && !restartTransaction()) {
                throw new SQLException("the store's connection could not start a transaction");
            }
            for (int i = 0; i < batch.size(); i++) {
                Pending pending = batch.get(i);
                String idempotency = null;
                if (pending.key() != null) {
                    keyAnswers[i] = KeyCheck.answer(keys, pending, clock.millis());
                    if (keyAnswers[i] instanceof String column) {
                        idempotency = column;
                    } else {
                        rowOf[i] = -1;
                        continue;
                    }
                }
                Update update = pending.update();
                boolean generated = update.id() == null;
                long position = head + rows.size() + 1;
                // A generated id carries its position, so a resume finds its row without an index.
                StoredUpdate row = new StoredUpdate(new Position(position),
                        generated ? update.withId(ids.next(position)) : update);
                rowOf[i] = rows.size();
                rows.add(new NewRow(row, !generated, createdAt(row, generated), idempotency));
                if (idempotency != null) {
                    keysOfBatch.add(KeyCheck.remember(keys, idempotency, rows.get(rows.size() - 1)));
                }
            }
            if (!rows.isEmpty()) {
                inserts.insert(rows);
                connection.commit();
            }
        } catch (SQLException | RuntimeException e) {
            keysOfBatch.forEach(keys::forget);
            inserts.close();
            restartTransaction();
            resyncHead();
            StoreException failure = failure(batch.size(), e);
            failureLog.failed(failure, batch.size());
            health.commitFailed(e.getMessage(), System.nanoTime());
            AppendQueue.fail(batch, failure);
            return;
        }
        failureLog.succeeded();
        if (!rows.isEmpty()) { // repeats answered from the keys committed nothing
            health.committed();
        }
        List<StoredUpdate> stored = rows.stream().map(NewRow::stored).toList();
        if (!stored.isEmpty()) {
            head += stored.size();
            commitNanos.addAndGet(System.nanoTime() - started);
            committedUpdates.addAndGet(stored.size());
            commits.incrementAndGet();
            deliver(stored);
        }
        for (int i = 0; i < batch.size(); i++) {
            CompletableFuture<Appended> future = batch.get(i).future();
            if (rowOf[i] >= 0) {
                future.complete(Appended.fresh(stored.get(rowOf[i])));
            } else if (keyAnswers[i] instanceof Appended repeat) {
                future.complete(repeat);
            } else {
                future.completeExceptionally((RuntimeException) keyAnswers[i]);
            }
        }
    }

    /** A full disk is told apart: it is the operator's to fix, and the client's to retry later. */
    private static StoreException failure(int updates, Exception e) {
        if (e instanceof SQLiteException sqlite
                && (sqlite.getResultCode().code & 0xFF) == SQLiteErrorCode.SQLITE_FULL.code) {
            return new StoreFullException("the store's disk is full: committing " + updates
                    + " updates failed and stored nothing (" + sqlite.getResultCode().name() + ")", e);
        }
        return new StoreException("committing " + updates + " updates failed: " + e.getMessage(), e);
    }

    /**
     * The row's commit time: never before the previous row's, so rows past the age limit are a prefix,
     * and never before its generated id's time, so a restart can seed ids past every stored one.
     */
    private long createdAt(StoredUpdate row, boolean generatedId) {
        long createdAt = Math.max(newestCreatedAt, clock.millis());
        if (generatedId) {
            UUID uuid = UUID.fromString(row.id().substring(ID_PREFIX.length()));
            createdAt = Math.max(createdAt, uuid.getMostSignificantBits() >>> 16);
        }
        newestCreatedAt = createdAt;
        return createdAt;
    }

    /** The batch is committed: a failing listener is logged, and the publishers still get their acks. */
    private void deliver(List<StoredUpdate> stored) {
        try {
            listener.onUpdates(List.copyOf(stored));
        } catch (RuntimeException e) {
            LOG.error("listener failed on updates {}..{}", stored.get(0).position().sequence(),
                    stored.get(stored.size() - 1).position().sequence(), e);
        }
    }

    /**
     * While commits fail and no append comes to try again (a node that is not ready gets none), writes
     * one page ({@link Sql#PROBE}) once per {@link WriterHealth#PROBE_INTERVAL_NANOS}: its success is
     * what turns readiness back once the disk takes writes again.
     */
    private void probeWhileFailing() {
        long now = System.nanoTime();
        if (!health.probeDue(now)) {
            return;
        }
        try (Statement probe = connection.createStatement()) {
            if (!inTransaction && !restartTransaction()) {
                throw new SQLException("the store's connection could not start a transaction");
            }
            probe.execute(Sql.PROBE);
            connection.commit();
        } catch (SQLException e) {
            restartTransaction();
            health.commitFailed(e.getMessage(), now);
            return;
        }
        health.committed();
        failureLog.succeeded(); // says, once, that commits succeed again
    }

    private void enforceRetention() {
        if (!retention.due(head)) {
            return;
        }
        try {
            retention.run(head);
        } catch (SQLException e) {
            restartTransaction();
            // Reads apply the window themselves; the rows are deleted on the next try. While commits fail
            // too (a full disk: deleting needs room in the log as well), their log says it already.
            if (!failureLog.failing()) {
                LOG.warn("store retention failed, retrying later: {}", e.getMessage());
            }
        }
    }

    /**
     * Reads the head back after a failed commit instead of trusting the rollback: had SQLite stored the
     * batch after all, reusing its positions would make every later commit collide on the primary key.
     */
    private void resyncHead() {
        try (PreparedStatement select = connection.prepareStatement(Sql.HEAD);
                ResultSet row = select.executeQuery()) {
            long stored = row.next() ? row.getLong(1) : 0;
            connection.commit();
            if (stored != head) {
                LOG.error("a failed commit left the head at {} instead of {}; continuing from it", stored, head);
                head = stored;
            }
        } catch (SQLException e) {
            LOG.error("store head unknown after a failed commit, keeping {}: {}", head, e.getMessage());
        }
    }

    /**
     * Leaves the connection at the start of a new, empty transaction, whatever the failure did to it, and
     * says whether that worked. The driver's {@code rollback()} runs ROLLBACK, then BEGIN, and skips the
     * BEGIN when the ROLLBACK fails, as it does when SQLite already rolled the transaction back by itself
     * (it may for SQLITE_FULL and I/O errors). The connection was then in autocommit mode while the
     * driver believed otherwise: every later insert committed on its own, before anyone decided to
     * acknowledge it (found on a full tmpfs: a refused update stored, never delivered, and every commit
     * after it failing on its position). Hence ROLLBACK whatever it answers, then BEGIN, as SQL.
     */
    private boolean restartTransaction() {
        try (Statement statement = connection.createStatement()) {
            try {
                statement.execute("ROLLBACK");
            } catch (SQLException e) {
                // No transaction was active: SQLite had rolled it back already.
            }
            statement.execute("BEGIN");
            inTransaction = true;
        } catch (SQLException e) {
            inTransaction = false;
            LOG.error("store transaction could not be restarted; the next batch tries again: {}", e.getMessage());
        }
        return inTransaction;
    }
}
