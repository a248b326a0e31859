package dev.herald.core;

import java.util.List;
import java.util.Objects;

/**
 * One page of a replay, and the cursor to the next: what a transport answered to "what came after
 * this id" ({@link Transport#readAfter}) or "what comes after this page" ({@link Transport#readNext}).
 *
 * <p>A replay covers the positions after its starting point up to {@link #head}, fixed by the first
 * read; each page covers the positions after the previous page's {@link #after} up to its own. A page
 * may hold fewer updates than its request allows, even none when it was filtered by topic; only
 * {@link #last()} says the replay is complete.
 *
 * @param resumedFrom the id the replay starts after: the requested id when it is retained, otherwise
 *     {@value LastEventId#EARLIEST}, which tells the client that it may have missed updates (this is
 *     the Mercure {@code Last-Event-ID} response header); the same on every page of one replay
 * @param head the newest position the transport had when the replay began; a live update at or before
 *     it is covered by this replay, so the replay/live seam drops it
 * @param updates this page's updates, in position order, each after the previous page's {@code after}
 *     and at most at {@code after}
 * @param after the last position this page covers (read or scanned): the next page starts after it
 */
public record HistoryPage(String resumedFrom, Position head, List<StoredUpdate> updates, Position after) {

    public HistoryPage {
        Objects.requireNonNull(resumedFrom, "resumedFrom");
        Objects.requireNonNull(head, "head");
        Objects.requireNonNull(after, "after");
        updates = List.copyOf(updates);
        if (after.isAfter(head)) {
            throw new IllegalArgumentException("a page ends at or before the head: " + after + " > " + head);
        }
        if (!updates.isEmpty() && updates.get(updates.size() - 1).position().isAfter(after)) {
            throw new IllegalArgumentException("a page's updates are at or before its end " + after);
        }
    }

    /** True when this page reaches the head: the replay is complete, there is no next page. */
    public boolean last() {
        return !head.isAfter(after);
    }

    /** True when the requested id was not retained, so the replay starts at the earliest update. */
    public boolean fromEarliest() {
        return LastEventId.EARLIEST.equals(resumedFrom);
    }

    /** The page that continues this replay, with the next updates, up to {@code end}. */
    public HistoryPage next(List<StoredUpdate> nextUpdates, Position end) {
        return new HistoryPage(resumedFrom, head, nextUpdates, end);
    }

    /**
     * Checks that a page can follow {@code previous}, as every {@code readNext} must first.
     *
     * @throws NullPointerException when {@code previous} is null
     * @throws IllegalArgumentException when {@code previous} is the last page of its replay
     */
    public static HistoryPage requireFollowable(HistoryPage previous) {
        Objects.requireNonNull(previous, "previous");
        if (previous.last()) {
            throw new IllegalArgumentException("the replay is complete: there is no page after its last");
        }
        return previous;
    }
}
