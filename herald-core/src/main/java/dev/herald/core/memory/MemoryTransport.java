package dev.herald.core.memory;

import dev.herald.core.Appended;
import dev.herald.core.HistoryOvertakenException;
import dev.herald.core.HistoryPage;
import dev.herald.core.IdempotencyConflictException;
import dev.herald.core.IdempotencyKey;
import dev.herald.core.IdempotencyOptions;
import dev.herald.core.IdempotentAppend;
import dev.herald.core.LastEventId;
import dev.herald.core.LiveBroadcast;
import dev.herald.core.LiveListener;
import dev.herald.core.PageBuilder;
import dev.herald.core.PageRequest;
import dev.herald.core.Position;
import dev.herald.core.StoredUpdate;
import dev.herald.core.Transport;
import dev.herald.core.Update;
import dev.herald.core.UpdateListener;
import dev.herald.core.internal.IdempotencyIndex;
import dev.herald.core.internal.LocalBroadcast;
import dev.herald.core.internal.UuidV7Ids;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Transport} for one node that keeps the newest {@code capacity} updates in a ring and forgets
 * everything on restart. Appends are serialized by one lock, under which the update is numbered,
 * stored and handed to the listener, so delivery order is append order without a queue of its own.
 *
 * <p>Live-only updates ({@link LiveBroadcast}) go straight to the live listener on the caller's thread,
 * outside the lock: they are not numbered and not kept in the ring.
 *
 * <p>Idempotency keys ({@link IdempotentAppend}) are checked and remembered under the same lock, so a
 * retry that overlaps its first attempt finds it; they are forgotten on restart, like the history.
 *
 * <p>Memory: about 300 bytes per retained update plus its data; the default 10,000 entries with
 * 200-byte payloads is about 5 MB.
 */
public final class MemoryTransport implements Transport, LiveBroadcast, IdempotentAppend {

    public static final int DEFAULT_CAPACITY = 10_000;
    private static final Logger LOG = LoggerFactory.getLogger(MemoryTransport.class);
    /**
     * The most ring slots one page read looks at, under the append lock: a page filtered by topic may
     * find nothing in them and come back empty, so a rare topic costs a bounded pause per read.
     */
    static final int SCAN_WINDOW = 4096;

    private final StoredUpdate[] ring;
    /** Id to the oldest retained position carrying it: resume after the earliest duplicate. */
    private final Map<String, Position> positionsById = new HashMap<>();
    /** How many further retained updates reuse an id: only publisher-chosen duplicates land here. */
    private final Map<String, Integer> extraOccurrences = new HashMap<>();
    private final UuidV7Ids ids;
    private final Clock clock;
    private final IdempotencyIndex keys;
    private final LocalBroadcast live = new LocalBroadcast();
    private UpdateListener listener;
    private Position head = Position.NONE;
    private boolean closed;

    public MemoryTransport(int capacity, Clock clock) {
        this(capacity, clock, IdempotencyOptions.defaults());
    }

    public MemoryTransport(int capacity, Clock clock, IdempotencyOptions idempotency) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
        }
        this.ring = new StoredUpdate[capacity];
        this.ids = new UuidV7Ids(Objects.requireNonNull(clock, "clock"));
        this.clock = clock;
        this.keys = new IdempotencyIndex(idempotency);
    }

    public MemoryTransport(int capacity) {
        this(capacity, Clock.systemUTC());
    }

    @Override
    public synchronized void start(UpdateListener updateListener) {
        if (listener != null) {
            throw new IllegalStateException("already started");
        }
        listener = Objects.requireNonNull(updateListener, "listener");
    }

    @Override
    public void startLive(LiveListener liveListener) {
        live.startLive(liveListener);
    }

    /** Hands the update to the live listener on this thread; see {@link LiveBroadcast}. */
    @Override
    public CompletableFuture<Void> broadcast(Update update) {
        return live.broadcast(update);
    }

    @Override
    public CompletableFuture<StoredUpdate> append(Update update) {
        Objects.requireNonNull(update, "update");
        synchronized (this) {
            IllegalStateException refused = refusal();
            if (refused != null) {
                return CompletableFuture.failedFuture(refused);
            }
            return CompletableFuture.completedFuture(store(update));
        }
    }

    @Override
    public CompletableFuture<Appended> appendOnce(Update update, IdempotencyKey key, String fingerprint) {
        Objects.requireNonNull(update, "update");
        Objects.requireNonNull(fingerprint, "fingerprint");
        String digest = key.digest();
        synchronized (this) {
            IllegalStateException refused = refusal();
            if (refused != null) {
                return CompletableFuture.failedFuture(refused);
            }
            long now = clock.millis();
            IdempotencyIndex.Entry first = keys.find(digest, now);
            if (first != null) {
                return first.fingerprint().equals(fingerprint)
                        ? CompletableFuture.completedFuture(Appended.repeat(first.id()))
                        : CompletableFuture.failedFuture(new IdempotencyConflictException());
            }
            StoredUpdate stored = store(update);
            keys.remember(digest, new IdempotencyIndex.Entry(fingerprint, stored.id(), now));
            return CompletableFuture.completedFuture(Appended.fresh(stored));
        }
    }

    /** Why appends are refused now, or null; under the lock. */
    private IllegalStateException refusal() {
        if (closed) {
            return new IllegalStateException("transport is closed");
        }
        return listener == null ? new IllegalStateException("transport is not started") : null;
    }

    /** Numbers, retains and delivers the update; under the lock. */
    private StoredUpdate store(Update update) {
        Update withId = update.id() == null ? update.withId(ids.next()) : update;
        head = head.next();
        StoredUpdate stored = new StoredUpdate(head, withId);
        retain(stored);
        deliver(stored);
        return stored;
    }

    @Override
    public synchronized CompletableFuture<HistoryPage> readAfter(LastEventId lastEventId, PageRequest request) {
        Objects.requireNonNull(lastEventId, "lastEventId");
        Objects.requireNonNull(request, "request");
        Position after = lastEventId.isEarliest() ? null : positionsById.get(lastEventId.value());
        String resumedFrom = after == null ? LastEventId.EARLIEST : lastEventId.value();
        long start = after == null ? oldestRetained() - 1 : after.sequence();
        return CompletableFuture.completedFuture(page(resumedFrom, head, start, request));
    }

    @Override
    public synchronized CompletableFuture<HistoryPage> readNext(HistoryPage previous, PageRequest request) {
        HistoryPage.requireFollowable(previous);
        Objects.requireNonNull(request, "request");
        if (previous.after().sequence() + 1 < oldestRetained()) {
            return CompletableFuture.failedFuture(new HistoryOvertakenException(previous.after()));
        }
        return CompletableFuture.completedFuture(
                page(previous.resumedFrom(), previous.head(), previous.after().sequence(), request));
    }

    /** The page after {@code start}, up to {@code replayHead}; reads at most {@link #SCAN_WINDOW} slots. */
    private HistoryPage page(String resumedFrom, Position replayHead, long start, PageRequest request) {
        long end = Math.min(replayHead.sequence(), start + SCAN_WINDOW);
        PageBuilder page = new PageBuilder(request);
        long sequence = start;
        while (sequence < end && page.offer(slot(sequence + 1))) {
            sequence++;
        }
        return new HistoryPage(resumedFrom, replayHead, page.updates(), new Position(sequence));
    }

    private long oldestRetained() {
        return Math.max(1, head.sequence() - ring.length + 1);
    }

    /** The update is stored: a failing listener is logged, and the publisher still gets its ack. */
    private void deliver(StoredUpdate stored) {
        try {
            listener.onUpdates(List.of(stored));
        } catch (RuntimeException e) {
            LOG.error("listener failed on update {}", stored.id(), e);
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        live.close();
    }

    private void retain(StoredUpdate stored) {
        int index = slotIndex(stored.position().sequence());
        StoredUpdate evicted = ring[index];
        ring[index] = stored;
        if (evicted != null) {
            forget(evicted);
        }
        if (positionsById.putIfAbsent(stored.id(), stored.position()) != null) {
            extraOccurrences.merge(stored.id(), 1, Integer::sum);
        }
    }

    /** Drops the evicted update's id, or moves it to the next retained update with the same id. */
    private void forget(StoredUpdate evicted) {
        if (!evicted.position().equals(positionsById.get(evicted.id()))) {
            return;
        }
        Integer extra = extraOccurrences.get(evicted.id());
        if (extra == null) {
            positionsById.remove(evicted.id());
            return;
        }
        if (extra == 1) {
            extraOccurrences.remove(evicted.id());
        } else {
            extraOccurrences.put(evicted.id(), extra - 1);
        }
        // A rare publisher-chosen duplicate: find its next occurrence (newer than the evicted one).
        long oldest = evicted.position().sequence() + 1;
        for (long sequence = oldest; sequence <= head.sequence(); sequence++) {
            StoredUpdate candidate = slot(sequence);
            if (candidate.id().equals(evicted.id())) {
                positionsById.put(candidate.id(), candidate.position());
                return;
            }
        }
    }

    private StoredUpdate slot(long sequence) {
        return ring[slotIndex(sequence)];
    }

    private int slotIndex(long sequence) {
        return (int) (sequence % ring.length);
    }
}
