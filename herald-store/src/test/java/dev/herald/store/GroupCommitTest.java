package dev.herald.store;

import dev.herald.core.Acks;

import static dev.herald.core.Acks.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.core.RecordingListener;
import dev.herald.core.StoredUpdate;
import dev.herald.core.Update;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many concurrent publishes share one commit. The writer is held inside its first delivery
 * ({@link HoldingListener}) while the appenders queue their updates, so what the next commit takes is
 * decided by the test, not by timing.
 */
class GroupCommitTest {

    private static final int APPENDERS = 32;
    private static final int APPENDS_EACH = 10;

    @TempDir
    Path directory;

    private final HoldingListener listener = new HoldingListener();
    private final ExecutorService appenders = Executors.newFixedThreadPool(APPENDERS);
    private StoreTransport transport;

    @AfterEach
    void closeEverything() {
        listener.release();
        appenders.shutdownNow();
        if (transport != null) {
            transport.close();
        }
    }

    @Test
    void concurrentAppendsAreAllAcknowledged() throws Exception {
        List<StoredUpdate> acked = appendConcurrentlyBehindTheHeldWriter(StoreOptions.DEFAULT_BATCH_LIMIT);

        assertThat(acked).hasSize(1 + APPENDERS * APPENDS_EACH);
    }

    @Test
    void concurrentAppendsShareOneCommit() throws Exception {
        List<StoredUpdate> acked = appendConcurrentlyBehindTheHeldWriter(StoreOptions.DEFAULT_BATCH_LIMIT);

        assertThat(transport.commits()).as("commits for %d updates: the held one, then one for all queued",
                acked.size()).isEqualTo(2);
    }

    @Test
    void concurrentAppendsAreDeliveredOnceInPositionOrder() throws Exception {
        List<StoredUpdate> acked = appendConcurrentlyBehindTheHeldWriter(StoreOptions.DEFAULT_BATCH_LIMIT);
        List<StoredUpdate> inPositionOrder = new ArrayList<>(acked);
        inPositionOrder.sort((a, b) -> a.position().compareTo(b.position()));

        assertThat(listener.updates()).as("each acknowledged update delivered once, in position order")
                .isEqualTo(inPositionOrder);
    }

    @Test
    void eachCommitIsDeliveredInOneListenerCall() throws Exception {
        appendConcurrentlyBehindTheHeldWriter(StoreOptions.DEFAULT_BATCH_LIMIT);

        List<Integer> batchSizes = listener.calls().stream().map(List::size).toList();
        assertThat(batchSizes).containsExactly(1, APPENDERS * APPENDS_EACH);
    }

    @Test
    void batchLimitCapsTheUpdatesOfOneCommit() throws Exception {
        int batchLimit = APPENDS_EACH;

        appendConcurrentlyBehindTheHeldWriter(batchLimit);

        assertThat(listener.calls()).as("every commit holds at most the batch limit")
                .allSatisfy(batch -> assertThat(batch).hasSizeLessThanOrEqualTo(batchLimit));
        assertThat(transport.commits()).as("the held commit, then full batches of the queued updates")
                .isEqualTo(1 + APPENDERS * APPENDS_EACH / batchLimit);
    }

    @Test
    void generatedIdsIncreaseInPositionOrderWithinACommit() throws Exception {
        appendConcurrentlyBehindTheHeldWriter(StoreOptions.DEFAULT_BATCH_LIMIT);

        List<String> ids = listener.updates().stream().map(StoredUpdate::id).toList();
        assertThat(ids).isSortedAccordingTo(String::compareTo).doesNotHaveDuplicates();
    }

    @Test
    void appendsBeyondTheQueueLimitFailAtOnce() {
        int limit = 3;
        transport = StoreTransport.open(StoreOptions.defaults(directory).withMaxQueuedAppends(limit));
        transport.start(listener);
        transport.append(update("held"));
        listener.awaitHeld();
        List<CompletableFuture<StoredUpdate>> queued = new ArrayList<>();
        for (int i = 0; i < limit; i++) {
            queued.add(transport.append(update("queued " + i)));
        }

        CompletableFuture<StoredUpdate> refused = transport.append(update("one too many"));

        assertThat(refused).as("refused at once, without waiting for the disk").isCompletedExceptionally();
        assertThatThrownBy(refused::join).cause().isInstanceOf(StoreException.class)
                .hasMessage("store write queue is full: 3 appends are waiting for the disk");
        listener.release();
        assertThat(queued).as("the queued appends are committed all the same")
                .allSatisfy(future -> assertThat(result(future).id()).isNotBlank());
    }

    /**
     * Holds the writer in its first delivery, lets {@link #APPENDERS} threads queue {@link #APPENDS_EACH}
     * appends each (all released at once), releases the writer and returns every acknowledgement.
     */
    private List<StoredUpdate> appendConcurrentlyBehindTheHeldWriter(int batchLimit) throws Exception {
        transport = StoreTransport.open(StoreOptions.defaults(directory).withBatchLimit(batchLimit));
        transport.start(listener);
        CompletableFuture<StoredUpdate> held = transport.append(update("held"));
        listener.awaitHeld();

        CountDownLatch go = new CountDownLatch(1);
        List<Future<List<CompletableFuture<StoredUpdate>>>> queued = new ArrayList<>();
        for (int t = 0; t < APPENDERS; t++) {
            int appender = t;
            queued.add(appenders.submit(() -> {
                go.await();
                List<CompletableFuture<StoredUpdate>> futures = new ArrayList<>();
                for (int i = 0; i < APPENDS_EACH; i++) {
                    futures.add(transport.append(update("appender " + appender + " update " + i)));
                }
                return futures;
            }));
        }
        go.countDown();
        List<CompletableFuture<StoredUpdate>> pending = new ArrayList<>();
        pending.add(held);
        for (Future<List<CompletableFuture<StoredUpdate>>> appender : queued) {
            // Once this returns, every append of that thread is queued.
            pending.addAll(appender.get(RecordingListener.DEFAULT_WAIT.toMillis(), TimeUnit.MILLISECONDS));
        }
        listener.release();

        return pending.stream().map(Acks::result).toList();
    }

    private static Update update(String data) {
        return Update.of("https://example.com/books/1", data);
    }
}
