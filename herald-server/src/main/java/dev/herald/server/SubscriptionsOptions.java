package dev.herald.server;

/**
 * Mercure's active subscriptions: announcements of streams opening and closing, and the subscriptions
 * API that lists them. Announcements are live-only ({@link dev.herald.core.LiveBroadcast}): they cost
 * nothing durable, whoever opens streams and however often.
 *
 * @param enabled whether subscriptions are announced and the API is served
 * @param announceAnonymous whether subscribers without a token are announced and listed too. Off by
 *     default: they carry no identity or payload for a presence feature to show, and otherwise any
 *     client on the internet could fill the listing up to its cap and send an announcement to every
 *     watcher per connect
 * @param maxListed the most subscriptions (one per topic selector of a stream, of every node) each node
 *     lists; a subscription that starts beyond it is still announced but not listed, and the hub logs
 *     a warning each time the listing becomes full
 */
public record SubscriptionsOptions(boolean enabled, boolean announceAnonymous, int maxListed) {

    /**
     * About 300 bytes an entry plus its {@code mercure.payload}: 50,000 entries are about 15 MB without
     * payloads, 65 MB with 1 KB ones.
     */
    public static final int DEFAULT_MAX_LISTED = 50_000;

    public SubscriptionsOptions {
        if (maxListed < 1) {
            throw new IllegalArgumentException("maxListed must be at least 1: " + maxListed);
        }
    }

    /** On, subscribers with a token only, {@link #DEFAULT_MAX_LISTED}. */
    public static SubscriptionsOptions defaults() {
        return new SubscriptionsOptions(true, false, DEFAULT_MAX_LISTED);
    }

    public SubscriptionsOptions withEnabled(boolean value) {
        return new SubscriptionsOptions(value, announceAnonymous, maxListed);
    }

    public SubscriptionsOptions withAnnounceAnonymous(boolean value) {
        return new SubscriptionsOptions(enabled, value, maxListed);
    }

    public SubscriptionsOptions withMaxListed(int value) {
        return new SubscriptionsOptions(enabled, announceAnonymous, value);
    }
}
