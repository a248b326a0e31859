package dev.herald.core.internal;

import dev.herald.core.IdempotencyOptions;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The keys a single-node transport remembers: digest to fingerprint, id and acknowledgement time, in
 * acknowledgement order, bounded by {@link IdempotencyOptions}: keys older than the window are dropped
 * as new ones arrive, and past {@code maxKeys} the oldest go first. Not thread-safe: its transport
 * owns it from one thread or under one lock.
 */
public final class IdempotencyIndex {

    /** What one key produced. */
    public record Entry(String fingerprint, String id, long atMillis) {
    }

    private final long windowMillis;
    private final int maxKeys;
    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>();

    public IdempotencyIndex(IdempotencyOptions options) {
        Objects.requireNonNull(options, "options");
        this.windowMillis = options.window().toMillis();
        this.maxKeys = options.maxKeys();
    }

    /** The entry of a key remembered within the window at {@code nowMillis}, or null. */
    public Entry find(String digest, long nowMillis) {
        Entry entry = entries.get(digest);
        return entry == null || expired(entry, nowMillis) ? null : entry;
    }

    /** Remembers what a key produced (replacing an expired entry), dropping what is out of bounds. */
    public void remember(String digest, Entry entry) {
        entries.remove(digest); // re-inserted at the end: the order stays the acknowledgement order
        entries.put(digest, entry);
        Iterator<Map.Entry<String, Entry>> oldest = entries.entrySet().iterator();
        while (oldest.hasNext()) {
            Map.Entry<String, Entry> next = oldest.next();
            if (entries.size() <= maxKeys && !expired(next.getValue(), entry.atMillis())) {
                break;
            }
            oldest.remove();
        }
    }

    /** Forgets a key whose update was not stored after all (a failed commit). */
    public void forget(String digest) {
        entries.remove(digest);
    }

    public int size() {
        return entries.size();
    }

    private boolean expired(Entry entry, long nowMillis) {
        return nowMillis - entry.atMillis() >= windowMillis;
    }
}
