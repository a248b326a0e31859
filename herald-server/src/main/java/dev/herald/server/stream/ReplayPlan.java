package dev.herald.server.stream;

import dev.herald.core.HistoryPage;
import dev.herald.core.StoredUpdate;
import dev.herald.core.Update;
import io.netty.buffer.ByteBufAllocator;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * What a replaying stream needs from outside: where its next page comes from, how a page of history
 * becomes wire bytes, how long it may go without progress, and what to do once it no longer replays
 * (give its replay slot back; called once, whether the replay completed or the stream closed).
 */
record ReplayPlan(Function<HistoryPage, CompletableFuture<HistoryPage>> nextPage,
        PageEncoder encoder, Duration stallTimeout, Runnable ended) {

    /** Turns the updates of a page that a stream wants into its wire bytes; null when it wants none. */
    @FunctionalInterface
    interface PageEncoder {
        EncodedPage encode(List<StoredUpdate> updates, Predicate<Update> wanted);

        /** Pages in buffers of this allocator. */
        static PageEncoder on(ByteBufAllocator allocator) {
            Objects.requireNonNull(allocator, "allocator");
            return (updates, wanted) -> EncodedPage.encode(updates, wanted, allocator);
        }
    }

    ReplayPlan {
        Objects.requireNonNull(nextPage, "nextPage");
        Objects.requireNonNull(encoder, "encoder");
        Objects.requireNonNull(stallTimeout, "stallTimeout");
        Objects.requireNonNull(ended, "ended");
        if (stallTimeout.isNegative() || stallTimeout.isZero()) {
            throw new IllegalArgumentException("stallTimeout must be positive: " + stallTimeout);
        }
    }
}
