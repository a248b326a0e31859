package dev.herald.store;

import dev.herald.core.CommitStats;
import dev.herald.core.Appended;
import dev.herald.core.DeliveryHealth;
import dev.herald.core.HistoryPage;
import dev.herald.core.IdempotencyKey;
import dev.herald.core.IdempotentAppend;
import dev.herald.core.LastEventId;
import dev.herald.core.LiveBroadcast;
import dev.herald.core.LiveListener;
import dev.herald.core.PageRequest;
import dev.herald.core.StoredUpdate;
import dev.herald.core.Transport;
import dev.herald.core.TransportHealth;
import dev.herald.core.Update;
import dev.herald.core.UpdateListener;
import dev.herald.core.internal.LocalBroadcast;
import dev.herald.store.internal.Database;
import dev.herald.store.internal.DirectoryLock;
import dev.herald.store.internal.Reader;
import dev.herald.store.internal.RetentionWindow;
import dev.herald.store.internal.StoreState;
import dev.herald.store.internal.Writer;
import java.sql.Connection;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A {@link Transport} for one node whose history survives restarts: an embedded SQLite database in WAL
 * mode, in a directory that one open store locks for itself.
 *
 * <ul>
 *   <li><b>Appends</b> never block: they are queued for one writer thread, which commits everything
 *       queued in one transaction (group commit, at most {@link StoreOptions#batchLimit()} updates),
 *       then delivers that batch to the listener in one call and completes its futures, on the writer
 *       thread: chain slow work with an {@code *Async} stage. An append is acknowledged once its commit is
 *       as durable as {@link StoreOptions#durability()} says. A failed commit fails every append of its
 *       batch with a {@link StoreException}, and none of them is delivered. More than
 *       {@link StoreOptions#maxQueuedAppends()} waiting appends fail at once with a StoreException.</li>
 *   <li><b>Positions and ids</b> continue across restarts: the position of an acknowledged update is
 *       never used again, even after retention deleted it (only a failed batch's positions are, since
 *       nobody saw them); generated ids (UUIDv7) keep increasing even when the clock went back while
 *       the hub was down.</li>
 *   <li><b>History</b> is the newest {@link StoreOptions#historySize()} updates committed within
 *       {@link StoreOptions#historyMaxAge()}. Reads apply both limits exactly; the rows outside them are
 *       deleted in the background, in bounded chunks between commits. A resume finds the earliest
 *       retained occurrence of its id through an index, then reads the range after it by position.</li>
 *   <li><b>Pages.</b> Each page is one short read on a reader thread, a LIMITed rowid range; a slow
 *       subscriber holds no snapshot and no thread between pages. A page filtered by exact topics is
 *       filtered in SQL on the stored topics, within a bounded window of positions per read.</li>
 *   <li><b>The replay/live seam.</b> {@link #readAfter} reads one snapshot of committed state on a reader
 *       thread; its {@link HistoryPage#head()} is the newest position committed in that snapshot. Every
 *       update at or before the head has been or will be delivered to the listener, and is in the
 *       history unless retention dropped it. Every update after the head was committed after the
 *       snapshot began, and the writer delivers an update only after its commit. So a subscriber that
 *       registers for live updates before it calls {@code readAfter}, and drops live updates at or
 *       before the head, sees each update exactly once: no gap and no duplicate.</li>
 *   <li><b>Idempotency keys</b> ({@link IdempotentAppend}) are checked by the writer thread in queue
 *       order, so a retry queued behind its first attempt waits for it. A keyed update's row keeps the
 *       key's digest and the update's fingerprint; at open the store remembers again the keys of the
 *       newest retained rows acknowledged within {@link StoreOptions#idempotency()}'s window: a retry
 *       after a restart is still recognised, as long as history still holds its update.</li>
 *   <li><b>Live-only updates</b> ({@link LiveBroadcast}) never reach the writer: they go straight to the
 *       live listener on the caller's thread, so they are not committed, not counted in
 *       {@link #committedUpdates()}, take no room in the append queue and are never in the history.</li>
 *   <li><b>Close</b> refuses new appends, commits and delivers those already queued, waits for running
 *       reads (bounded), closes the database and releases the directory; repeating it does nothing.</li>
 * </ul>
 */
public final class StoreTransport implements Transport, LiveBroadcast, IdempotentAppend, TransportHealth, CommitStats {

    private final DirectoryLock lock;
    private final Connection writerConnection;
    private final Writer writer;
    private final Reader reader;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final LocalBroadcast live = new LocalBroadcast();

    private StoreTransport(DirectoryLock lock, Connection writerConnection, Writer writer, Reader reader) {
        this.lock = lock;
        this.writerConnection = writerConnection;
        this.writer = writer;
        this.reader = reader;
    }

    /**
     * Opens (or creates) the store in {@link StoreOptions#directory()} and locks it, ready to
     * {@link #start}. History, positions and ids go on from where the last run stopped.
     *
     * @throws StoreException when the directory is in use by another store (in this process or another),
     *     the database is corrupt, not a Herald store, or of a newer schema version, or cannot be opened
     */
    public static StoreTransport open(StoreOptions options) {
        Objects.requireNonNull(options, "options");
        DirectoryLock lock = DirectoryLock.acquire(options.directory());
        Database database = new Database(lock.directory());
        Connection writerConnection = null;
        try {
            writerConnection = database.openWriter(options.durability());
            StoreState state = database.readState(writerConnection);
            RetentionWindow window = new RetentionWindow(options.historySize(), options.historyMaxAge(),
                    options.clock());
            Writer writer = new Writer(writerConnection, state, window, options.batchLimit(),
                    options.maxQueuedAppends(), database.readKeys(writerConnection, options.idempotency(), window, state));
            Reader reader = new Reader(database, window);
            return new StoreTransport(lock, writerConnection, writer, reader);
        } catch (RuntimeException e) {
            if (writerConnection != null) {
                Database.closeQuietly(writerConnection);
            }
            lock.close();
            throw e;
        }
    }

    @Override
    public void start(UpdateListener listener) {
        writer.start(Objects.requireNonNull(listener, "listener"));
    }

    @Override
    public void startLive(LiveListener listener) {
        live.startLive(listener);
    }

    /** Hands the update to the live listener on this thread; see the class comment. */
    @Override
    public CompletableFuture<Void> broadcast(Update update) {
        return live.broadcast(update);
    }

    /** Queues the update for the next group commit; see the class comment for when it completes. */
    @Override
    public CompletableFuture<StoredUpdate> append(Update update) {
        return writer.submit(Objects.requireNonNull(update, "update"), null, null)
                .thenApply(appended -> appended.stored().orElseThrow());
    }

    /** Like {@link #append}; the writer checks the key in queue order; see the class comment. */
    @Override
    public CompletableFuture<Appended> appendOnce(Update update, IdempotencyKey key, String fingerprint) {
        return writer.submit(Objects.requireNonNull(update, "update"), Objects.requireNonNull(key, "key"),
                Objects.requireNonNull(fingerprint, "fingerprint"));
    }

    /** Reads the first page of retained history on a reader thread; see the class comment for the seam. */
    @Override
    public CompletableFuture<HistoryPage> readAfter(LastEventId lastEventId, PageRequest request) {
        return reader.readAfter(Objects.requireNonNull(lastEventId, "lastEventId"),
                Objects.requireNonNull(request, "request"));
    }

    /** Reads the next page on a reader thread, in a short snapshot of its own. */
    @Override
    public CompletableFuture<HistoryPage> readNext(HistoryPage previous, PageRequest request) {
        HistoryPage.requireFollowable(previous);
        Objects.requireNonNull(request, "request");
        return reader.readNext(previous, request);
    }

    /**
     * Blocks until queued appends are committed and delivered and the files are closed. Called from the
     * listener (the writer thread, which cannot wait for itself), it refuses appends at once and
     * finishes on a thread of its own.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        live.close();
        if (writer.isWriterThread()) {
            writer.stop();
            Thread closer = new Thread(this::release, "herald-store-close");
            closer.start();
            return;
        }
        writer.stop();
        release();
    }

    /**
     * Delivering while the writer commits: started, not closed, its thread alive (an Error on it, such
     * as running out of memory, makes the store refuse appends from then on) and its latest commit
     * successful (a full or read-only disk fails them; a probe write each second notices when it takes
     * writes again). The lag is how long the oldest append not yet committed and delivered has waited:
     * a writer stuck in a commit (a disk that stopped answering) or in the listener shows there.
     */
    @Override
    public DeliveryHealth deliveryHealth() {
        DeliveryHealth writing = writer.deliveryHealth();
        if (closed.get() && writing.problem().isEmpty()) {
            return DeliveryHealth.notDelivering("the store is closed", writing.lag());
        }
        return writing;
    }

    @Override
    public long commits() {
        return writer.commits();
    }

    @Override
    public long committedUpdates() {
        return writer.committedUpdates();
    }

    @Override
    public long commitNanos() {
        return writer.commitNanos();
    }

    private void release() {
        writer.awaitStopped();
        try {
            reader.close();
            Database.closeQuietly(writerConnection);
        } finally {
            lock.close();
        }
    }
}
