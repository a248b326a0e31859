package dev.herald.core.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * A small least-recently-used map with a hard bound, for values that are costly to build and used off
 * the hot path: one short lock around a {@link LinkedHashMap} in access order. Thread-safe.
 */
public final class LruCache<K, V> {

    private final int capacity;
    private final LinkedHashMap<K, V> entries;

    public LruCache(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        this.capacity = capacity;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > LruCache.this.capacity;
            }
        };
    }

    /**
     * The value for the key, built by {@code build} when absent. {@code build} runs outside the lock, so
     * two callers may build at once; the first to store wins and both get its value, which keeps values
     * shared. A null from {@code build} is returned and not stored.
     */
    public V computeIfAbsent(K key, Function<? super K, ? extends V> build) {
        Objects.requireNonNull(key, "key");
        synchronized (this) {
            V cached = entries.get(key);
            if (cached != null) {
                return cached;
            }
        }
        V built = build.apply(key);
        if (built == null) {
            return null;
        }
        synchronized (this) {
            V raced = entries.putIfAbsent(key, built);
            return raced != null ? raced : built;
        }
    }

    public synchronized int size() {
        return entries.size();
    }

    public int capacity() {
        return capacity;
    }
}
