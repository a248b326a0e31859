package dev.herald.server.stream;

import dev.herald.core.PageRequest;
import java.time.Duration;
import java.util.Objects;

/**
 * How a node bounds the replays of resuming subscribers (history pages, concurrency, stalls).
 *
 * @param maxReplays the most replays this node runs at once; a further resuming subscriber waits for a
 *     free slot (see {@code maxWaiting})
 * @param maxWaiting the most resuming subscribers waiting for a slot; a further one, or one that waited
 *     {@code waitLimit}, gets 503 with a jittered {@code Retry-After} before any stream header is sent
 * @param waitLimit how long a resuming subscriber waits for a slot
 * @param stallTimeout a replay that writes nothing for this long is closed
 *     ({@link CloseReason#REPLAY_STALLED}), freeing its slot
 * @param pages how much history one page holds (and so one replaying client at most)
 */
public record ReplayOptions(int maxReplays, int maxWaiting, Duration waitLimit, Duration stallTimeout,
        PageRequest pages) {

    /**
     * A stalled replay holds one page (about 250 KB decoded, see {@link PageRequest#DEFAULT_MAX_UPDATES}),
     * its channel's write buffer (64 KiB) and its held live updates: 128 of them hold about 40 MB at
     * most, within the 64 MB that 100 non-reading attackers may cost, while an honest replay frees its
     * slot within milliseconds, so 128 at once serves a reconnect storm of thousands per second.
     */
    public static final int DEFAULT_MAX_REPLAYS = 128;
    /**
     * A reading client takes a page within a round trip; 30 s outlasts a mobile link's stall or a
     * GC pause on the client, and bounds how long a non-reading client keeps a slot.
     */
    public static final Duration DEFAULT_STALL_TIMEOUT = Duration.ofSeconds(30);
    /**
     * A reconnect storm of 10,000 clients (a node restarting under them) all wait rather than come back
     * again and again; a waiting client holds its connection and ~200 bytes of queue, nothing else.
     */
    public static final int DEFAULT_MAX_WAITING = 10_000;
    /**
     * How long a resuming subscriber waits for a slot before it is told to come back (503): long enough
     * for 128 slots to serve a storm of short replays, short enough that one stuck behind replays that
     * do not read (each up to the stall timeout) tries another node soon.
     */
    public static final Duration DEFAULT_WAIT_LIMIT = Duration.ofSeconds(10);

    public ReplayOptions {
        Objects.requireNonNull(waitLimit, "waitLimit");
        Objects.requireNonNull(stallTimeout, "stallTimeout");
        Objects.requireNonNull(pages, "pages");
        if (maxReplays < 1) {
            throw new IllegalArgumentException("maxReplays must be at least 1: " + maxReplays);
        }
        if (maxWaiting < 0) {
            throw new IllegalArgumentException("maxWaiting must be at least 0: " + maxWaiting);
        }
        if (waitLimit.isNegative() || waitLimit.isZero()) {
            throw new IllegalArgumentException("waitLimit must be positive: " + waitLimit);
        }
        if (stallTimeout.isNegative() || stallTimeout.isZero()) {
            throw new IllegalArgumentException("stallTimeout must be positive: " + stallTimeout);
        }
        if (pages.filtered()) {
            throw new IllegalArgumentException("pages are narrowed per subscription, not for every replay");
        }
    }

    public static ReplayOptions defaults() {
        return new ReplayOptions(DEFAULT_MAX_REPLAYS, DEFAULT_MAX_WAITING, DEFAULT_WAIT_LIMIT, DEFAULT_STALL_TIMEOUT,
                PageRequest.defaults());
    }

    public ReplayOptions withMaxReplays(int value) {
        return new ReplayOptions(value, maxWaiting, waitLimit, stallTimeout, pages);
    }

    public ReplayOptions withMaxWaiting(int value) {
        return new ReplayOptions(maxReplays, value, waitLimit, stallTimeout, pages);
    }

    public ReplayOptions withWaitLimit(Duration value) {
        return new ReplayOptions(maxReplays, maxWaiting, value, stallTimeout, pages);
    }

    public ReplayOptions withStallTimeout(Duration value) {
        return new ReplayOptions(maxReplays, maxWaiting, waitLimit, value, pages);
    }
}
