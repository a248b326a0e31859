package dev.herald.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/** Identical reads share one while it waits to start; once it runs, a new ask gets a read of its own. */
class CoalescedReadsTest {

    /** An executor that runs its tasks when the test says: the reader threads are busy until then. */
    private final Queue<Runnable> queued = new ArrayDeque<>();
    private final Executor busyReaders = queued::add;
    private final CoalescedReads<String, String> reads = new CoalescedReads<>(busyReaders);
    private final AtomicInteger readsDone = new AtomicInteger();

    @Test
    void identicalReadsAskedBeforeItStartsShareOneRead() {
        CompletableFuture<String> first = reads.submit("after id-9", () -> read("page"));
        CompletableFuture<String> second = reads.submit("after id-9", () -> read("another page"));

        runQueued();

        assertThat(readsDone).as("one read for both").hasValue(1);
        assertThat(first).isCompletedWithValue("page");
        assertThat(second).isCompletedWithValue("page");
    }

    @Test
    void anAskWhileTheReadRunsGetsAReadOfItsOwn() {
        CompletableFuture<CompletableFuture<String>> askedDuringTheRead = new CompletableFuture<>();
        CompletableFuture<String> early = reads.submit("after id-9", () -> {
            askedDuringTheRead.complete(reads.submit("after id-9", () -> read("late")));
            return read("early");
        });

        runQueued();

        assertThat(early).isCompletedWithValue("early");
        assertThat(askedDuringTheRead.join()).as("it may have registered after the first read began")
                .isCompletedWithValue("late");
        assertThat(readsDone).hasValue(2);
    }

    @Test
    void differentReadsAreNotShared() {
        CompletableFuture<String> one = reads.submit("after id-9", () -> read("nine"));
        CompletableFuture<String> other = reads.submit("after id-10", () -> read("ten"));

        runQueued();

        assertThat(one).isCompletedWithValue("nine");
        assertThat(other).isCompletedWithValue("ten");
    }

    @Test
    void aFailedReadFailsEveryoneWhoSharedIt() {
        CompletableFuture<String> first = reads.submit("after id-9", () -> {
            throw new IllegalStateException("disk gone");
        });
        CompletableFuture<String> second = reads.submit("after id-9", () -> read("never"));

        runQueued();

        assertThat(first).isCompletedExceptionally();
        assertThat(second).isCompletedExceptionally();
        Assertions.assertThatThrownBy(second::join).isInstanceOf(CompletionException.class)
                .hasRootCauseMessage("disk gone");
        assertThat(reads.waitingCount()).isZero();
    }

    @Test
    void oneAskerCancellingDoesNotCancelTheOthers() {
        CompletableFuture<String> first = reads.submit("after id-9", () -> read("page"));
        CompletableFuture<String> second = reads.submit("after id-9", () -> read("page"));

        first.cancel(false);
        runQueued();

        assertThat(second).isCompletedWithValue("page");
    }

    @Test
    void aReadTheExecutorRefusesFailsAndIsNotShared() {
        CoalescedReads<String, String> closed = new CoalescedReads<>(task -> {
            throw new RejectedExecutionException("closed");
        });

        CompletableFuture<String> refused = closed.submit("after id-9", () -> read("never"));

        assertThat(refused).isCompletedExceptionally();
        assertThat(closed.waitingCount()).isZero();
    }

    private String read(String value) {
        readsDone.incrementAndGet();
        return value;
    }

    private void runQueued() {
        Runnable task;
        while ((task = queued.poll()) != null) {
            task.run();
        }
    }
}
