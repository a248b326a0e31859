package dev.herald.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The {@link IdempotentAppend} contract, one test per clause of its javadoc. Every transport that
 * remembers keys extends this class once and supplies {@link #newTransport}; deliveries are awaited with
 * a bound, since nothing here may assume they happen on the appending thread.
 */
public abstract class IdempotentAppendContract {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String TOPIC = "https://example.com/orders/1";
    private static final IdempotencyKey KEY = new IdempotencyKey("publisher-a", "key-1");

    protected final RecordingListener delivered = new RecordingListener();
    private Transport transport;

    /** A new, empty, not yet started transport that is also an {@link IdempotentAppend}. */
    protected abstract Transport newTransport(IdempotencyOptions options);

    @AfterEach
    protected final void closeTransport() {
        if (transport != null) {
            transport.close();
        }
    }

    @Test
    void theFirstAttemptAppendsTheUpdate() {
        Appended first = join(once(started(), update("x"), KEY));

        assertThat(first.repeated()).as("the first attempt of a key stores the update").isFalse();
        assertThat(delivered.awaitCount(1)).extracting(StoredUpdate::id).containsExactly(first.id());
    }

    @Test
    void aRetryWithTheSameKeyGetsTheFirstIdAndStoresNothing() {
        IdempotentAppend idempotent = started();
        Appended first = join(once(idempotent, update("x"), KEY));

        Appended retry = join(once(idempotent, update("x"), KEY));
        StoredUpdate marker = join(transport.append(update("marker")));

        assertThat(retry.repeated()).as("the retry stored nothing").isTrue();
        assertThat(retry.id()).as("the retry is answered with the first attempt's id").isEqualTo(first.id());
        assertThat(delivered.awaitCount(2)).as("only the first attempt and the marker were delivered")
                .extracting(StoredUpdate::id).containsExactly(first.id(), marker.id());
    }

    @Test
    void aRetryOfAnUpdateWithItsOwnIdGetsThatId() {
        IdempotentAppend idempotent = started();
        join(once(idempotent, update("x").withId("order-1"), KEY));

        Appended retry = join(once(idempotent, update("x").withId("order-1"), KEY));

        assertThat(retry.id()).isEqualTo("order-1");
        assertThat(retry.repeated()).isTrue();
    }

    @Test
    void theSameKeyOnAnotherUpdateIsAConflictAndStoresNothing() {
        IdempotentAppend idempotent = started();
        join(once(idempotent, update("x"), KEY));

        CompletableFuture<Appended> other = once(idempotent, update("y"), KEY);
        StoredUpdate marker = join(transport.append(update("marker")));

        assertThatThrownBy(() -> other.get(WAIT.toMillis(), TimeUnit.MILLISECONDS))
                .as("a key reused for other data is refused").hasCauseInstanceOf(IdempotencyConflictException.class);
        assertThat(delivered.awaitCount(2)).extracting(StoredUpdate::id).as("the conflicting update was not stored")
                .endsWith(marker.id()).hasSize(2);
    }

    @Test
    void everyFieldOfTheUpdateCountsForTheConflict() {
        IdempotentAppend idempotent = started();
        Update first = new Update(null, List.of(TOPIC, "alt"), "x", true, "T", 1000L);
        join(once(idempotent, first, KEY));

        for (Update changed : List.of(new Update(null, List.of(TOPIC), "x", true, "T", 1000L),
                new Update(null, List.of(TOPIC, "alt"), "x", false, "T", 1000L),
                new Update(null, List.of(TOPIC, "alt"), "x", true, null, 1000L),
                new Update(null, List.of(TOPIC, "alt"), "x", true, "T", 999L),
                new Update("id", List.of(TOPIC, "alt"), "x", true, "T", 1000L))) {
            assertThatThrownBy(() -> once(idempotent, changed, KEY).get(WAIT.toMillis(), TimeUnit.MILLISECONDS))
                    .as("%s differs from the first attempt", changed)
                    .hasCauseInstanceOf(IdempotencyConflictException.class);
        }
    }

    @Test
    void theSameKeyFromAnotherPublisherIsAnotherUpdate() {
        IdempotentAppend idempotent = started();
        Appended first = join(once(idempotent, update("x"), KEY));

        Appended other = join(once(idempotent, update("x"), new IdempotencyKey("publisher-b", KEY.key())));

        assertThat(other.repeated()).as("keys are scoped per publisher").isFalse();
        assertThat(other.id()).isNotEqualTo(first.id());
    }

    @Test
    void aKeyIsForgottenAfterTheWindow() {
        IdempotentAppend idempotent = started(new IdempotencyOptions(Duration.ofMillis(50), 100));
        Appended first = join(once(idempotent, update("x"), KEY));

        // Attempts within the window store nothing, so polling is safe: the first fresh one ends it.
        await().atMost(WAIT).pollInterval(Duration.ofMillis(10))
                .until(() -> !join(once(idempotent, update("x"), KEY)).repeated());

        assertThat(delivered.awaitCount(2)).extracting(StoredUpdate::id)
                .as("past the window the same key stores the update again").hasSize(2).startsWith(first.id());
    }

    @Test
    void theOldestKeysAreForgottenFirstPastMaxKeys() {
        IdempotentAppend idempotent = started(new IdempotencyOptions(Duration.ofHours(1), 2));
        IdempotencyKey a = new IdempotencyKey("p", "a");
        IdempotencyKey c = new IdempotencyKey("p", "c");
        join(once(idempotent, update("a"), a));
        join(once(idempotent, update("b"), new IdempotencyKey("p", "b")));
        Appended third = join(once(idempotent, update("c"), c));

        assertThat(join(once(idempotent, update("c"), c)).id()).as("the newest key is remembered")
                .isEqualTo(third.id());
        assertThat(join(once(idempotent, update("a"), a)).repeated()).as("the oldest key was forgotten")
                .isFalse();
    }

    @Test
    void concurrentAttemptsWithTheSameKeyStoreTheUpdateOnce() throws Exception {
        IdempotentAppend idempotent = started();
        int attempts = 16;
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<CompletableFuture<Appended>>> sent = new ArrayList<>();
            for (int i = 0; i < attempts; i++) {
                sent.add(threads.submit(() -> {
                    go.await();
                    return once(idempotent, update("x"), KEY);
                }));
            }
            go.countDown();
            List<Appended> answers = new ArrayList<>();
            for (Future<CompletableFuture<Appended>> attempt : sent) {
                answers.add(join(attempt.get(WAIT.toMillis(), TimeUnit.MILLISECONDS)));
            }

            assertThat(answers).extracting(Appended::id).as("every attempt is answered with the same id")
                    .containsOnly(answers.get(0).id());
            assertThat(answers).filteredOn(answer -> !answer.repeated()).as("exactly one attempt stored it").hasSize(1);
            StoredUpdate marker = join(transport.append(update("marker")));
            assertThat(delivered.awaitCount(2)).extracting(StoredUpdate::id).as("delivered once")
                    .containsExactly(answers.get(0).id(), marker.id());
        } finally {
            threads.shutdownNow();
        }
    }

    /** An attempt of the update as published: its fingerprint is the update's own. */
    protected static CompletableFuture<Appended> once(IdempotentAppend transport, Update update, IdempotencyKey key) {
        return transport.appendOnce(update, key, IdempotencyKey.fingerprint(update));
    }

    protected IdempotentAppend started() {
        return started(IdempotencyOptions.defaults());
    }

    protected IdempotentAppend started(IdempotencyOptions options) {
        transport = newTransport(options);
        transport.start(delivered);
        return (IdempotentAppend) transport;
    }

    protected static Update update(String data) {
        return Update.of(TOPIC, data);
    }

    protected static <T> T join(CompletableFuture<T> future) {
        try {
            return future.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } catch (ExecutionException e) {
            throw new AssertionError("the transport failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("the transport did not answer within " + WAIT, e);
        }
    }
}
