package dev.herald.server.stream;

import dev.herald.core.TopicSelector;
import dev.herald.core.Update;
import io.netty.channel.EventLoop;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;

/**
 * The subscribers of one event loop and their deliveries. Updates from the transport queue up in an
 * inbox; one task at a time drains everything queued and writes each update to every matching
 * subscriber's outbound buffer (cheap: a shared buffer's duplicate). The system calls come after, in
 * flushes of at most {@link #FLUSH_CHUNK} subscribers per task, with the loop's I/O in between: a
 * publish that arrives while 10,000 streams are being flushed is read at once, and its update joins
 * the pending bytes of every stream not flushed yet, so they send both in one write. Each waiting
 * subscriber is flushed once, in the order it was first written to. Exact topics are a hash lookup;
 * URI templates are tried only when their literal parts fit the topic ({@link TemplateIndex}); {@code *}
 * subscribers are a plain set.
 *
 * <p>Everything but {@link #offer} and {@link #subscriberCount} runs on the loop's thread.
 */
final class LoopDispatcher {

    private final EventLoop loop;
    private final Queue<EncodedUpdate> inbox = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final Map<String, Set<SseSubscriber>> byExactTopic = new HashMap<>();
    private final TemplateIndex<SseSubscriber> byTemplate = new TemplateIndex<>();
    private final Set<SseSubscriber> byWildcard = new LinkedHashSet<>();
    private final Set<SseSubscriber> all = new LinkedHashSet<>();
    /**
     * Subscribers per flush task. Small enough that the loop reads its sockets every millisecond or two,
     * large enough that scheduling the next task costs nothing next to the writes.
     */
    static final int FLUSH_CHUNK = 256;

    /** Subscribers written to and not flushed yet, in the order they were first written to. */
    private final ArrayDeque<SseSubscriber> toFlush = new ArrayDeque<>();
    private boolean flushScheduled;
    private final SharedFrame heartbeat;
    private final StreamMetrics metrics;
    private final LongAdder deliveries = new LongAdder();
    private volatile int subscriberCount;

    private final SelectorCounts selectorCounts;
    /**
     * Nonzero while a delivery or a heartbeat walks the subscriber sets. A subscriber can close in the
     * middle of that walk (the update that puts it over its budget cuts it as a slow consumer, and the
     * channel's close listener unregisters it at once, on this thread): removing it from the set being
     * walked would end the walk with a {@code ConcurrentModificationException} and every subscriber after
     * it would miss the update. So it leaves the sets once the walk is over.
     */
    private int walking;
    private final List<SseSubscriber> leftDuringWalk = new ArrayList<>();

    LoopDispatcher(EventLoop loop, SharedFrame heartbeat, Duration heartbeatInterval, StreamMetrics metrics,
            SelectorCounts selectorCounts) {
        this.loop = loop;
        this.selectorCounts = selectorCounts;
        this.heartbeat = heartbeat;
        this.metrics = metrics;
        long millis = heartbeatInterval.toMillis();
        loop.scheduleAtFixedRate(this::heartbeat, millis, millis, TimeUnit.MILLISECONDS);
    }

    EventLoop loop() {
        return loop;
    }

    int subscriberCount() {
        return subscriberCount;
    }

    /** Updates written to streams of this loop so far (any thread may read it). */
    long deliveries() {
        return deliveries.sum();
    }

    /** A subscriber of this loop: its writes count in this loop's deliveries. */
    SseSubscriber newSubscriber(io.netty.channel.Channel channel, dev.herald.core.Subscription subscription,
            Predicate<Update> liveOnly, int maxPendingBytes) {
        return new SseSubscriber(channel, subscription, liveOnly, maxPendingBytes, deliveries);
    }

    /**
     * This loop's {@code n} exact topics with the most subscribers, plus {@code *}'s subscribers when
     * there are some (a loop's top {@code n}: the merged top across loops is a close estimate, exact
     * when loops hold similar streams). On the loop's thread.
     */
    List<TopicCount> topTopics(int n) {
        java.util.PriorityQueue<TopicCount> top = new java.util.PriorityQueue<>(
                java.util.Comparator.comparingLong(TopicCount::count));
        byExactTopic.forEach((topic, subscribers) -> {
            top.add(new TopicCount(topic, subscribers.size()));
            if (top.size() > n) {
                top.poll();
            }
        });
        List<TopicCount> rows = new ArrayList<>(top);
        if (!byWildcard.isEmpty()) {
            rows.add(new TopicCount("*", byWildcard.size()));
        }
        return rows;
    }

    /** Queues updates for this loop; takes one reference to each. Any thread. */
    void offer(List<EncodedUpdate> updates) {
        for (EncodedUpdate update : updates) {
            inbox.add(update.retain());
        }
        if (drainScheduled.compareAndSet(false, true)) {
            loop.execute(this::drain);
        }
    }

    void register(SseSubscriber subscriber) {
        if (!all.add(subscriber)) {
            return;
        }
        for (TopicSelector selector : subscriber.subscription().selectors()) {
            selectorCounts.add(selector, 1);
            if (selector instanceof TopicSelector.Exact exact) {
                byExactTopic.computeIfAbsent(exact.text(), topic -> new HashSet<>()).add(subscriber);
            } else if (selector instanceof TopicSelector.Template || selector instanceof TopicSelector.UrlPatternSelector) {
                byTemplate.add(selector, subscriber);
            } else {
                byWildcard.add(subscriber);
            }
        }
        subscriberCount = all.size();
    }

    void unregister(SseSubscriber subscriber) {
        if (walking > 0) {
            leftDuringWalk.add(subscriber);
            return;
        }
        if (!all.remove(subscriber)) {
            return;
        }
        for (TopicSelector selector : subscriber.subscription().selectors()) {
            selectorCounts.add(selector, -1);
            if (selector instanceof TopicSelector.Exact exact) {
                Set<SseSubscriber> subscribers = byExactTopic.get(exact.text());
                if (subscribers != null && subscribers.remove(subscriber) && subscribers.isEmpty()) {
                    byExactTopic.remove(exact.text());
                }
            } else if (selector instanceof TopicSelector.Template || selector instanceof TopicSelector.UrlPatternSelector) {
                byTemplate.remove(selector, subscriber);
            }
        }
        byWildcard.remove(subscriber);
        subscriberCount = all.size();
    }

    /** Delivers and flushes what is queued, then ends every stream of this loop (on the loop). */
    void closeAll(CloseReason reason) {
        drain();
        while (!toFlush.isEmpty()) {
            flushChunk();
        }
        for (SseSubscriber subscriber : List.copyOf(all)) {
            subscriber.close(reason);
        }
    }

    private void drain() {
        drainScheduled.set(false);
        EncodedUpdate update;
        long now = System.nanoTime();
        walking++;
        try {
            while ((update = inbox.poll()) != null) {
                try {
                    deliver(update);
                    // An update queued after `now` was read would measure negative (Micrometer refuses
                    // that with a WARN and a stack trace): it waited no time in this drain.
                    metrics.dispatched(Math.max(0, now - update.encodedAtNanos()));
                } finally {
                    update.release();
                }
            }
        } finally {
            walkEnded();
        }
        flushChunk();
    }

    /** Unregisters the subscribers that closed during the walk that just ended. */
    private void walkEnded() {
        if (--walking > 0 || leftDuringWalk.isEmpty()) {
            return;
        }
        List<SseSubscriber> left = List.copyOf(leftDuringWalk);
        leftDuringWalk.clear();
        left.forEach(this::unregister);
    }

    private void scheduledFlush() {
        flushScheduled = false;
        flushChunk();
    }

    /** Flushes the next chunk of waiting subscribers, and leaves the rest for after the loop's I/O. */
    private void flushChunk() {
        for (int i = 0; i < FLUSH_CHUNK && !toFlush.isEmpty(); i++) {
            toFlush.poll().flush();
        }
        if (!toFlush.isEmpty() && !flushScheduled) {
            flushScheduled = true;
            // Scheduled, not executed: the loop runs every task queued by execute() before it reads its
            // sockets again, but takes scheduled tasks only once per turn, after its I/O.
            loop.schedule(this::scheduledFlush, 0, TimeUnit.NANOSECONDS);
        }
    }

    private void deliver(EncodedUpdate update) {
        for (String topic : update.update().topics()) {
            Set<SseSubscriber> subscribers = byExactTopic.get(topic);
            if (subscribers != null) {
                subscribers.forEach(subscriber -> offer(subscriber, update));
            }
            byTemplate.forEachMatch(topic, subscriber -> offer(subscriber, update));
        }
        byWildcard.forEach(subscriber -> offer(subscriber, update));
    }

    /** Offers the update (the subscriber drops one it already had, or may not see) and notes the flush. */
    private void offer(SseSubscriber subscriber, EncodedUpdate update) {
        if (subscriber.offer(update)) {
            toFlush.add(subscriber);
        }
    }

    private void heartbeat() {
        walking++;
        try {
            for (SseSubscriber subscriber : all) {
                subscriber.heartbeat(heartbeat);
            }
        } finally {
            walkEnded();
        }
    }
}
