package dev.herald.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The bounded least-recently-used cache behind template interning. */
class LruCacheTest {

    @Test
    void buildsOnceAndThenReturnsTheStoredValue() {
        LruCache<String, Object> cache = new LruCache<>(2);
        AtomicInteger builds = new AtomicInteger();

        Object first = cache.computeIfAbsent("a", key -> { builds.incrementAndGet(); return new Object(); });
        Object second = cache.computeIfAbsent("a", key -> { builds.incrementAndGet(); return new Object(); });

        assertThat(second).isSameAs(first);
        assertThat(builds).hasValue(1);
    }

    @Test
    void evictsTheLeastRecentlyUsedEntryBeyondCapacity() {
        LruCache<String, String> cache = new LruCache<>(2);
        cache.computeIfAbsent("a", key -> "A");
        cache.computeIfAbsent("b", key -> "B");
        cache.computeIfAbsent("a", key -> "A again"); // "a" is now the most recent

        cache.computeIfAbsent("c", key -> "C");

        assertThat(cache.size()).isEqualTo(2);
        assertThat(cache.computeIfAbsent("a", key -> "rebuilt")).as("'a' was used recently and stays").isEqualTo("A");
        assertThat(cache.computeIfAbsent("b", key -> "rebuilt")).as("'b' was the eldest and went").isEqualTo("rebuilt");
    }

    @Test
    void aNullFromTheBuilderIsReturnedAndNotStored() {
        LruCache<String, String> cache = new LruCache<>(2);

        assertThat(cache.computeIfAbsent("invalid", key -> null)).isNull();
        assertThat(cache.size()).isZero();
    }

    @Test
    void capacityBelowOneIsRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> new LruCache<>(0))
                .withMessage("capacity must be at least 1");
    }
}
