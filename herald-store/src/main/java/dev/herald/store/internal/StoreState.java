package dev.herald.store.internal;

/**
 * What a store holds when it opens.
 *
 * @param head the newest position ever committed (0 for a new store)
 * @param oldest the oldest stored position ({@code head + 1} when no row is stored)
 * @param newestCreatedAt the newest row's commit time in epoch millis (0 for a new store): no generated
 *     id in the file carries a later time, so ids generated from here on are seeded past it
 */
public record StoreState(long head, long oldest, long newestCreatedAt) {
}
