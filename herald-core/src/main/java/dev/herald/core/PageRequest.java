package dev.herald.core;

import java.util.Objects;
import java.util.Set;

/**
 * How much history one page may hold, and which updates a replay wants: the unit a subscriber's
 * memory is bounded by, whatever the size of the history behind it.
 *
 * @param maxUpdates the most updates in one page (at least 1)
 * @param maxBytes the most data in one page, counted by {@link #sizeOf}; a page always holds its first
 *     update, even a bigger one, so a replay never stalls on a large update
 * @param topics when not empty, the page holds only updates with at least one of these exact topics
 *     (a transport may filter where the data lives); empty means every update. The caller still
 *     applies its own authorization and selectors: this is a narrowing, never a grant
 */
public record PageRequest(int maxUpdates, int maxBytes, Set<String> topics) {

    /**
     * Rows per page: one page read is one short query on a reader thread. 512 rows is about 2,000 page
     * reads per second at the 1,000,000 updates/s a fast reader takes (a fraction of a core), while a
     * stalled reader holds at most 512 decoded updates (about 250 KB at 200 B of data each).
     */
    public static final int DEFAULT_MAX_UPDATES = 512;
    /**
     * Data per page: keeps the 512-row page near 250 KB when updates are large (a few KiB each), so
     * 100 stalled replays hold about 25 MB between them.
     */
    public static final int DEFAULT_MAX_BYTES = 128 * 1024;

    /**
     * Rows in a replay's first page ({@link #firstPage}): a short read, so the first events leave within
     * milliseconds even when the code or the cache is cold, while the next, full page is read.
     */
    public static final int FIRST_PAGE_MAX_UPDATES = 32;

    public PageRequest {
        if (maxUpdates < 1) {
            throw new IllegalArgumentException("maxUpdates must be at least 1: " + maxUpdates);
        }
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be at least 1: " + maxBytes);
        }
        topics = Set.copyOf(Objects.requireNonNull(topics, "topics"));
    }

    /** Pages of every update, with the default limits. */
    public static PageRequest defaults() {
        return new PageRequest(DEFAULT_MAX_UPDATES, DEFAULT_MAX_BYTES, Set.of());
    }

    /** The same limits, for updates with at least one of these exact topics only. */
    public PageRequest onlyTopics(Set<String> exactTopics) {
        return new PageRequest(maxUpdates, maxBytes, exactTopics);
    }

    /** The same request for a replay's first page: at most {@link #FIRST_PAGE_MAX_UPDATES} updates. */
    public PageRequest firstPage() {
        return maxUpdates <= FIRST_PAGE_MAX_UPDATES ? this
                : new PageRequest(FIRST_PAGE_MAX_UPDATES, maxBytes, topics);
    }

    /** True when the page holds only updates with one of {@link #topics}. */
    public boolean filtered() {
        return !topics.isEmpty();
    }

    /** True when the update belongs in a page of this request (its topics, not its size). */
    public boolean wants(Update update) {
        if (topics.isEmpty()) {
            return true;
        }
        for (String topic : update.topics()) {
            if (topics.contains(topic)) {
                return true;
            }
        }
        return false;
    }

    /**
     * True when a page already holding {@code count} updates of {@code bytes} cannot take one of
     * {@code nextBytes} more: the first update is always taken.
     */
    public boolean full(int count, long bytes, long nextBytes) {
        return count >= maxUpdates || (count > 0 && bytes + nextBytes > maxBytes);
    }

    /** What an update counts against {@link #maxBytes}: its data, in chars (bytes for ASCII). */
    public static long sizeOf(Update update) {
        return update.data().length();
    }
}
