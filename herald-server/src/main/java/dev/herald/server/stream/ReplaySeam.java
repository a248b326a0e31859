package dev.herald.server.stream;

import dev.herald.core.HistoryPage;
import dev.herald.core.Position;
import java.util.ArrayList;
import java.util.List;

/**
 * The replay/live seam of one stream, without Netty: which updates were served (the watermark), the
 * live updates held while history is replayed and their byte budget, the page being written and the
 * one asked for, and the switch to live. Positions make the seam exact: nothing the history covered
 * is written twice, nothing after it is skipped.
 *
 * <p>A stream that resumes goes through {@link #hold()}, then one or more {@link #pageArrived pages}
 * (each {@link #takePage() taken} whole and written; the next is asked for with
 * {@link #nextPageToRequest()} as soon as the previous one is taken, so it is read while the previous
 * one drains to the client), then {@link #goLive()}. A stream that does not resume is live from
 * the start. Not thread-safe: confined to the stream's event loop, like its subscriber.
 *
 * @param <T> the held live updates: reference-counted, released by the seam when it drops them
 */
final class ReplaySeam<T extends ReplaySeam.Live> {

    /** What the seam needs of a live update. */
    interface Live {
        Position position();

        /** The bytes it costs while held, counted against the budget. */
        int frameBytes();

        /** One more reference, kept while the update is held. */
        Live retain();

        /** Gives a reference back. */
        boolean release();
    }

    /** What to do with a live update. */
    enum Offer {
        /** The stream is live and the update is after the watermark: write it. */
        WRITE,
        /** Already covered (served, or part of the history being replayed): drop it. */
        COVERED,
        /** Held until the replay is written. */
        HELD,
        /** Holding it would pass the budget: everything held is released, the stream must close. */
        OVER_BUDGET
    }

    private final long maxHeldBytes;
    /** Updates at or before this position were already written (or replayed): the watermark. */
    private Position served = Position.NONE;
    /** Live updates that arrived while history is being replayed; null once the stream is live. */
    private List<T> held;
    private long heldBytes;
    /** The page that arrived and waits to be written; null when none waits. */
    private HistoryPage waiting;
    /** The page taken for writing last: where the next one starts; null before the first and once live. */
    private HistoryPage taken;
    private boolean pageInFlight;

    ReplaySeam(long maxHeldBytes) {
        this.maxHeldBytes = maxHeldBytes;
    }

    /** A replay begins: live updates are held from now on, until {@link #goLive()}. */
    void hold() {
        held = new ArrayList<>();
        pageInFlight = true;
    }

    /** True from {@link #hold()} until {@link #goLive()} or {@link #release()}. */
    boolean replaying() {
        return held != null;
    }

    /** Decides about one live update that the subscriber wants; takes its own reference when held. */
    @SuppressWarnings("unchecked")
    Offer offer(T update) {
        if (!update.position().isAfter(served)) {
            return Offer.COVERED;
        }
        if (held == null) {
            return Offer.WRITE;
        }
        if (heldBytes + update.frameBytes() > maxHeldBytes) {
            release();
            return Offer.OVER_BUDGET;
        }
        held.add((T) update.retain());
        heldBytes += update.frameBytes();
        return Offer.HELD;
    }

    /** An update at this position was written: the watermark moves to it. */
    void written(Position position) {
        served = position;
    }

    /** The first page, or the one asked for last, arrived: it waits to be {@link #takePage() taken}. */
    void pageArrived(HistoryPage arrived) {
        if (held == null) {
            throw new IllegalStateException("a page arrived for a stream that is not replaying");
        }
        if (waiting != null) {
            throw new IllegalStateException("a page arrived while another waits: at most one is asked for");
        }
        waiting = arrived;
        pageInFlight = false;
    }

    /**
     * The page to write now, whole, or null when none waits; the caller writes every update of it
     * before it asks for anything else. Taking it is what lets {@link #nextPageToRequest()} ask for the
     * next one, so that page is read while this one drains to the client.
     */
    HistoryPage takePage() {
        HistoryPage page = waiting;
        if (page != null) {
            waiting = null;
            taken = page;
        }
        return page;
    }

    /** True when the last page is taken and written, and the stream can go live. */
    boolean complete() {
        return taken != null && waiting == null && taken.last();
    }

    /**
     * The page to continue after, when the one taken last is not the last, none waits and none is asked
     * for yet; the seam then counts a page in flight. Null otherwise: nothing to ask for. So a replay
     * holds at most two pages: the one written (draining to the client) and the one read after it.
     */
    HistoryPage nextPageToRequest() {
        if (taken == null || pageInFlight || waiting != null || taken.last()) {
            return null;
        }
        pageInFlight = true;
        return taken;
    }

    /** Whether a page arrived and waits to be written: bounded by one page. */
    boolean pageWaiting() {
        return waiting != null;
    }

    /**
     * Ends the replay: the watermark moves to the history's head, and the held live updates after it
     * are returned, oldest first, for the caller to write and release; those the history covered are
     * released here. The stream is live afterwards.
     */
    List<T> goLive() {
        if (taken == null || held == null) {
            throw new IllegalStateException("the stream is not replaying a history");
        }
        if (taken.head().isAfter(served)) {
            served = taken.head();
        }
        List<T> live = new ArrayList<>(held.size());
        for (T update : held) {
            if (update.position().isAfter(served)) {
                live.add(update);
            } else {
                update.release();
            }
        }
        held = null;
        heldBytes = 0;
        taken = null;
        return live;
    }

    /** Releases everything held and forgets the page: the stream closed. Repeating it does nothing. */
    void release() {
        if (held != null) {
            held.forEach(Live::release);
            held = null;
            heldBytes = 0;
        }
        waiting = null;
        taken = null;
    }

    /** Bytes of live updates held now, for tests and metrics. */
    long heldBytes() {
        return heldBytes;
    }
}
