package dev.herald.server.stream;

import dev.herald.core.LiveListener;
import dev.herald.core.StoredUpdate;
import dev.herald.core.Update;
import dev.herald.core.UpdateListener;
import dev.herald.core.sse.SseEncoder;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Hands every update from the hub to the event loops that have subscribers: each update is encoded
 * once, and each loop gets one task per batch (see {@link LoopDispatcher}). Live-only updates (the
 * hub's subscription announcements) take the same way, marked {@link EncodedUpdate#live()}.
 */
public final class Dispatcher implements UpdateListener, LiveListener {

    /**
     * One heartbeat frame for every hub of the JVM, never released: a frame per hub, never released
     * either, was garbage when its hub stopped, and a leak by Netty's account.
     */
    private static final SharedFrame HEARTBEAT = SharedFrame.of(SseEncoder.heartbeat());

    private final Map<EventLoop, LoopDispatcher> loops = new IdentityHashMap<>();
    private final ByteBufAllocator allocator;
    private final SelectorCounts selectorCounts = new SelectorCounts();

    public Dispatcher(EventLoopGroup group, ByteBufAllocator allocator, Duration heartbeatInterval,
            StreamMetrics metrics) {
        this.allocator = allocator;
        for (EventExecutor executor : group) {
            EventLoop loop = (EventLoop) executor;
            loops.put(loop, new LoopDispatcher(loop, HEARTBEAT, heartbeatInterval, metrics, selectorCounts));
        }
    }

    @Override
    public void onUpdates(List<StoredUpdate> updates) {
        List<LoopDispatcher> targets = new ArrayList<>(loops.size());
        for (LoopDispatcher loop : loops.values()) {
            if (loop.subscriberCount() > 0) {
                targets.add(loop);
            }
        }
        if (targets.isEmpty()) {
            return;
        }
        List<EncodedUpdate> encoded = new ArrayList<>(updates.size());
        for (StoredUpdate stored : updates) {
            encoded.add(encode(stored));
        }
        try {
            for (LoopDispatcher loop : targets) {
                loop.offer(encoded);
            }
        } finally {
            encoded.forEach(EncodedUpdate::release);
        }
    }

    /**
     * A live-only update: encoded once and queued on every loop with subscribers, like a batch of one.
     * Any thread, also concurrently with {@link #onUpdates}: the loops' inboxes are concurrent queues.
     */
    @Override
    public void onLive(Update update) {
        EncodedUpdate encoded = null;
        try {
            for (LoopDispatcher loop : loops.values()) {
                if (loop.subscriberCount() > 0) {
                    if (encoded == null) {
                        encoded = EncodedUpdate.encodeLive(update, allocator);
                    }
                    loop.offer(List.of(encoded));
                }
            }
        } finally {
            if (encoded != null) {
                encoded.release();
            }
        }
    }

    /** Encodes one update for writing (used for replay, where the bytes are not shared). */
    EncodedUpdate encode(StoredUpdate stored) {
        return EncodedUpdate.encode(stored, allocator);
    }

    LoopDispatcher forLoop(EventLoop loop) {
        LoopDispatcher dispatcher = loops.get(loop);
        if (dispatcher == null) {
            throw new IllegalStateException("channel is on an event loop the dispatcher does not know: " + loop);
        }
        return dispatcher;
    }

    /** Number of open streams across all loops (approximate while streams open and close). */
    public int subscriberCount() {
        int count = 0;
        for (LoopDispatcher loop : loops.values()) {
            count += loop.subscriberCount();
        }
        return count;
    }

    /** Topic selectors of open streams, by kind. */
    public SelectorCounts selectorCounts() {
        return selectorCounts;
    }

    /** Updates written to streams so far, replays included. */
    public long deliveries() {
        long total = 0;
        for (LoopDispatcher loop : loops.values()) {
            total += loop.deliveries();
        }
        return total;
    }

    /**
     * The {@code n} exact topics with the most subscribers, and {@code *} when some stream subscribes
     * to everything, most first. Each loop walks its own topics on its own thread (one pass over its
     * exact topics, a heap of {@code n}), so this costs nothing until someone asks: the dashboard does,
     * once a second, while it is open. Templates are not expanded (they match topics, not name them).
     */
    public CompletableFuture<List<TopicCount>> topTopics(int n) {
        List<CompletableFuture<List<TopicCount>>> perLoop = new ArrayList<>();
        for (LoopDispatcher loop : loops.values()) {
            perLoop.add(CompletableFuture.supplyAsync(() -> loop.topTopics(n), loop.loop()));
        }
        return CompletableFuture.allOf(perLoop.toArray(CompletableFuture[]::new)).thenApply(done -> {
            java.util.Map<String, Long> merged = new java.util.HashMap<>();
            perLoop.forEach(loop -> loop.join().forEach(row -> merged.merge(row.topic(), row.count(), Long::sum)));
            return merged.entrySet().stream()
                    .map(entry -> new TopicCount(entry.getKey(), entry.getValue()))
                    .sorted(TopicCount.MOST_FIRST).limit(n).toList();
        });
    }

    /** Ends every open stream, each on its own loop; completes when every loop has done so. */
    public CompletableFuture<Void> closeAll(CloseReason reason) {
        List<CompletableFuture<Void>> closing = new ArrayList<>();
        for (LoopDispatcher loop : loops.values()) {
            closing.add(CompletableFuture.runAsync(() -> loop.closeAll(reason), loop.loop()));
        }
        return CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new));
    }
}
