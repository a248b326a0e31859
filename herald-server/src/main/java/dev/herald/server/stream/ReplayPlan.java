package dev.herald.server.stream;

import dev.herald.core.HistoryPage;
import dev.herald.core.StoredUpdate;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * What a replaying stream needs from outside: where its next page comes from, how a history update
 * becomes wire bytes, how long it may go without progress, and what to do once it no longer replays
 * (give its replay slot back; called once, whether the replay completed or the stream closed).
 */
record ReplayPlan(Function<HistoryPage, CompletableFuture<HistoryPage>> nextPage,
        Function<StoredUpdate, EncodedUpdate> encoder, Duration stallTimeout, Runnable ended) {

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
