package dev.herald.server.metrics;

import dev.herald.core.StoredUpdate;
import dev.herald.core.UpdateListener;
import dev.herald.server.stream.TopicCount;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * Updates published per topic since the last look, for the dashboard's "top topics by rate". It counts
 * only while someone watches ({@link #watch}): otherwise each batch costs one volatile read. Bounded:
 * at most {@link #MAX_TOPICS} distinct topics are counted between two looks (~100 B each, ~1 MB at the
 * cap); the updates of further topics are counted together as {@link #OTHER_TOPICS}, so a publisher
 * spraying random topics cannot grow it.
 */
public final class TopicRates implements UpdateListener {

    /** Enough for any top ten; a dashboard looks once a second. */
    static final int MAX_TOPICS = 10_000;
    /** The row standing for every topic past the cap. */
    public static final String OTHER_TOPICS = "(other topics)";

    private volatile boolean watching;
    private final AtomicReference<Map<String, LongAdder>> counts = new AtomicReference<>(new ConcurrentHashMap<>());

    /** Starts or stops counting; stopping forgets what was counted. */
    public void watch(boolean on) {
        watching = on;
        if (!on) {
            counts.set(new ConcurrentHashMap<>());
        }
    }

    @Override
    public void onUpdates(List<StoredUpdate> updates) {
        if (!watching) {
            return;
        }
        Map<String, LongAdder> current = counts.get();
        for (StoredUpdate stored : updates) {
            for (String topic : stored.update().topics()) {
                String key = current.size() < MAX_TOPICS || current.containsKey(topic) ? topic : OTHER_TOPICS;
                current.computeIfAbsent(key, any -> new LongAdder()).increment();
            }
        }
    }

    /** The {@code n} topics with the most updates since the last call, most first; starts a new count. */
    public List<TopicCount> takeTop(int n) {
        Map<String, LongAdder> taken = counts.getAndSet(new ConcurrentHashMap<>());
        PriorityQueue<TopicCount> top = new PriorityQueue<>(Comparator.comparingLong(TopicCount::count));
        taken.forEach((topic, count) -> {
            top.add(new TopicCount(topic, count.sum()));
            if (top.size() > n) {
                top.poll();
            }
        });
        List<TopicCount> sorted = new ArrayList<>(top);
        sorted.sort(TopicCount.MOST_FIRST);
        return sorted;
    }
}
