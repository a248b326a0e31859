package dev.herald.store;

import static dev.herald.core.Acks.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.core.Appended;
import dev.herald.core.IdempotencyConflictException;
import dev.herald.core.IdempotencyKey;
import dev.herald.core.IdempotencyOptions;
import dev.herald.core.MutableClock;
import dev.herald.core.RecordingListener;
import dev.herald.core.Update;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Idempotency keys across close and reopen: rebuilt from the retained rows within the window. */
class StoreIdempotencyRestartTest {

    private static final Update UPDATE = Update.of("https://example.com/orders/1", "paid");
    private static final IdempotencyKey KEY = new IdempotencyKey("publisher-a", "8e03978e");
    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");

    @TempDir
    Path directory;

    private final MutableClock clock = new MutableClock(T0);

    @Test
    void aRetryAfterARestartGetsTheFirstIdAndStoresNothing() {
        Appended first = appendOnceAndClose(UPDATE, KEY);

        try (StoreTransport reopened = open(IdempotencyOptions.defaults())) {
            RecordingListener delivered = new RecordingListener();
            reopened.start(delivered);

            Appended retry = result(once(reopened, UPDATE, KEY));

            assertThat(retry.repeated()).as("the reopened store remembers the key").isTrue();
            assertThat(retry.id()).isEqualTo(first.id());
            assertThat(reopened.committedUpdates()).as("the retry committed nothing").isZero();
        }
    }

    @Test
    void aReusedKeyAfterARestartIsStillAConflict() {
        appendOnceAndClose(UPDATE, KEY);

        try (StoreTransport reopened = open(IdempotencyOptions.defaults())) {
            reopened.start(new RecordingListener());

            assertThatThrownBy(() -> once(reopened, Update.of(UPDATE.topic(), "refunded"), KEY)
                    .get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(IdempotencyConflictException.class);
        }
    }

    @Test
    void keysOlderThanTheWindowAreNotRemembered() {
        appendOnceAndClose(UPDATE, KEY);
        clock.advance(Duration.ofHours(2));

        try (StoreTransport reopened = open(new IdempotencyOptions(Duration.ofHours(1), 100))) {
            reopened.start(new RecordingListener());

            assertThat(result(once(reopened, UPDATE, KEY)).repeated())
                    .as("a key acknowledged before the window is a new update after a restart").isFalse();
        }
    }

    @Test
    void onlyTheNewestMaxKeysAreRemembered() {
        IdempotencyKey older = new IdempotencyKey("p", "older");
        IdempotencyKey newer = new IdempotencyKey("p", "newer");
        try (StoreTransport store = open(IdempotencyOptions.defaults())) {
            store.start(new RecordingListener());
            result(once(store, UPDATE, older));
            result(once(store, UPDATE, newer));
        }

        try (StoreTransport reopened = open(new IdempotencyOptions(Duration.ofHours(1), 1))) {
            reopened.start(new RecordingListener());

            assertThat(result(once(reopened, UPDATE, newer)).repeated()).as("the newest key is kept").isTrue();
            assertThat(result(once(reopened, UPDATE, older)).repeated()).as("the oldest is forgotten").isFalse();
        }
    }

    private Appended appendOnceAndClose(Update update, IdempotencyKey key) {
        try (StoreTransport store = open(IdempotencyOptions.defaults())) {
            store.start(new RecordingListener());
            return result(once(store, update, key));
        }
    }

    private static CompletableFuture<Appended> once(StoreTransport store, Update update, IdempotencyKey key) {
        return store.appendOnce(update, key, IdempotencyKey.fingerprint(update));
    }

    private StoreTransport open(IdempotencyOptions idempotency) {
        return StoreTransport.open(StoreOptions.defaults(directory).withClock(clock).withIdempotency(idempotency));
    }
}
