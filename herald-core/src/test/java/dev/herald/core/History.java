package dev.herald.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * A whole replay gathered page by page, for tests that look at what history holds rather than at its
 * pages: the one place that reads a history into a single list, which production code never does.
 *
 * @param resumedFrom as {@link HistoryPage#resumedFrom()}
 * @param updates every page's updates, in position order
 * @param head as {@link HistoryPage#head()}
 */
public record History(String resumedFrom, List<StoredUpdate> updates, Position head) {

    /** Small pages, so that every test of history also crosses page boundaries. */
    public static final PageRequest SMALL_PAGES = new PageRequest(3, Integer.MAX_VALUE, java.util.Set.of());

    public History {
        Objects.requireNonNull(resumedFrom, "resumedFrom");
        Objects.requireNonNull(head, "head");
        updates = List.copyOf(updates);
    }

    /** True when the requested id was not retained, so the replay starts at the earliest update. */
    public boolean fromEarliest() {
        return LastEventId.EARLIEST.equals(resumedFrom);
    }

    /** Reads every page of the replay after the id, in {@link #SMALL_PAGES}. */
    public static CompletableFuture<History> readAfter(Transport transport, LastEventId lastEventId) {
        return transport.readAfter(lastEventId, SMALL_PAGES)
                .thenCompose(first -> gather(transport, first, new ArrayList<>()));
    }

    private static CompletableFuture<History> gather(Transport transport, HistoryPage page, List<StoredUpdate> seen) {
        seen.addAll(page.updates());
        if (page.last()) {
            return CompletableFuture.completedFuture(new History(page.resumedFrom(), seen, page.head()));
        }
        return transport.readNext(page, SMALL_PAGES).thenCompose(next -> gather(transport, next, seen));
    }
}
