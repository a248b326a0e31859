package dev.herald.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Collects one page of a replay under a {@link PageRequest}'s limits: the rule every transport applies
 * to the retained updates it reads, in position order. Updates the request does not want are skipped;
 * the first update that would overflow the page is refused, and the page ends before it. One builder
 * per page, confined to the thread that reads it.
 */
public final class PageBuilder {

    private final PageRequest request;
    private final List<StoredUpdate> updates;
    private long bytes;
    private boolean full;

    public PageBuilder(PageRequest request) {
        this.request = Objects.requireNonNull(request, "request");
        // Sized for a full page up front: growing from 10 to 512 copied the list a dozen times a page.
        this.updates = new ArrayList<>(Math.min(request.maxUpdates(), PageRequest.DEFAULT_MAX_UPDATES));
    }

    /**
     * Offers the next retained update; false once the page is full, and then this update is not in it
     * and the page ends before its position. An update the request does not want is skipped (true).
     */
    public boolean offer(StoredUpdate stored) {
        if (!request.wants(stored.update())) {
            return true;
        }
        long size = PageRequest.sizeOf(stored.update());
        if (request.full(updates.size(), bytes, size)) {
            full = true;
            return false;
        }
        updates.add(stored);
        bytes += size;
        return true;
    }

    /** True once an update was refused: the page ended on its limits, not on the end of what was read. */
    public boolean full() {
        return full;
    }

    /** The updates taken, oldest first. */
    public List<StoredUpdate> updates() {
        return updates;
    }
}
