package dev.herald.store;

import static dev.herald.core.Acks.result;
import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.core.History;
import dev.herald.core.LastEventId;
import dev.herald.core.RecordingListener;
import dev.herald.core.StoredUpdate;
import dev.herald.core.Tmpfs;
import dev.herald.core.Update;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store whose disk fills up, on a real file system that really runs out of space (a 1 MB tmpfs: the
 * kernel answers ENOSPC, SQLite SQLITE_FULL), then gets space back while the store keeps running.
 * Appends are made one at a time until one is refused, so each test knows exactly which were
 * acknowledged. Skipped when this process may not mount a tmpfs (not root).
 */
class FullDiskTest {

    /** 8 KiB a row: two pages, so the 1 MB disk fills within about a hundred appends. */
    private static final String DATA = "x".repeat(8 * 1024);
    private static final int MOST_APPENDS = 1_000;

    @TempDir
    Path mountPoint;

    private Tmpfs disk;
    private StoreTransport transport;
    private final RecordingListener listener = new RecordingListener();
    private final List<StoredUpdate> acknowledged = new ArrayList<>();
    private Throwable refusal;

    @BeforeEach
    void fillTheDisk() {
        disk = Tmpfs.mount(mountPoint, 1);
        transport = StoreTransport.open(StoreOptions.defaults(disk.path().resolve("data")));
        transport.start(listener);
        for (int n = 0; n < MOST_APPENDS && refusal == null; n++) {
            try {
                acknowledged.add(transport.append(Update.of("https://example.com/full", n + DATA))
                        .get(RecordingListener.DEFAULT_WAIT.toMillis(), TimeUnit.MILLISECONDS));
            } catch (ExecutionException e) {
                refusal = e.getCause();
            } catch (InterruptedException | TimeoutException e) {
                throw new AssertionError("the store did not answer an append", e);
            }
        }
        assertThat(refusal).as("a 1 MB disk is full before " + MOST_APPENDS + " appends of 8 KiB").isNotNull();
    }

    @AfterEach
    void closeAndUnmount() {
        try {
            transport.close();
        } finally {
            disk.close();
        }
    }

    @Test
    void anAppendTheFullDiskRefusesFailsAsStoreFull() {
        assertThat(refusal).isInstanceOf(StoreFullException.class)
                .hasMessageContaining("disk is full");
        assertThat(transport.deliveryHealth().problem()).as("not ready while the disk refuses commits, and says why")
                .hasValueSatisfying(problem -> assertThat(problem).startsWith("the store cannot commit: "));
    }

    @Test
    void whatWasAcknowledgedBeforeTheDiskFilledIsDeliveredAndStoredOnceAndNothingElse() {
        refuseSmallAppendsWhileFull();

        assertThat(listener.awaitCount(acknowledged.size())).containsExactlyElementsOf(acknowledged);
        assertThat(result(History.readAfter(transport, LastEventId.earliest())).updates())
                .as("the history holds exactly the acknowledged updates: a refused one was not stored")
                .containsExactlyElementsOf(acknowledged);
    }

    @Test
    void whenSpaceReturnsAppendsAreAcknowledgedAgainWithoutARestart() {
        refuseSmallAppendsWhileFull();

        disk.resize(8);
        StoredUpdate next = result(transport.append(Update.of("https://example.com/full", "after")));

        StoredUpdate last = acknowledged.get(acknowledged.size() - 1);
        assertThat(next.position()).as("the next position: refused appends took none")
                .isEqualTo(last.position().next());
        List<StoredUpdate> all = new ArrayList<>(acknowledged);
        all.add(next);
        assertThat(listener.awaitCount(all.size())).containsExactlyElementsOf(all);
        assertThat(result(History.readAfter(transport, LastEventId.earliest())).updates()).containsExactlyElementsOf(all);
    }

    /**
     * Small appends while the disk is full: each is either refused or acknowledged (a few bytes may
     * still fit), and an acknowledged one counts like any other. None may be stored without being
     * acknowledged and delivered.
     */
    private void refuseSmallAppendsWhileFull() {
        for (int n = 0; n < 5; n++) {
            CompletableFuture<StoredUpdate> small = transport.append(Update.of("https://example.com/full", "small" + n));
            try {
                acknowledged.add(small.get(RecordingListener.DEFAULT_WAIT.toMillis(), TimeUnit.MILLISECONDS));
            } catch (ExecutionException e) {
                assertThat(e.getCause()).isInstanceOf(StoreException.class);
            } catch (InterruptedException | TimeoutException e) {
                throw new AssertionError("the store did not answer an append", e);
            }
        }
    }
}
