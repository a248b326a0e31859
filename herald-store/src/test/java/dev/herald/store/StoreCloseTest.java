package dev.herald.store;

import dev.herald.core.History;
import dev.herald.core.Acks;

import static dev.herald.core.Acks.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.herald.core.LastEventId;
import dev.herald.core.RecordingListener;
import dev.herald.core.StoredUpdate;
import dev.herald.core.Update;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What close does to appends already queued, to reads, and to a listener that closes the store. */
class StoreCloseTest {

    private static final int QUEUED = 500;

    @TempDir
    Path directory;

    @Test
    void closeCommitsAndDeliversEverythingAlreadyQueued() {
        RecordingListener listener = new RecordingListener();
        StoreTransport transport = StoreTransport.open(StoreOptions.defaults(directory));
        transport.start(listener);
        List<CompletableFuture<StoredUpdate>> queued = appendWithoutWaiting(transport);

        transport.close();

        assertThat(queued).as("every append queued before close is acknowledged")
                .allSatisfy(future -> assertThat(future).isCompleted().isNotCompletedExceptionally());
        assertThat(listener.count()).as("and delivered before close returned").isEqualTo(QUEUED);
    }

    @Test
    void appendsQueuedBeforeCloseAreInTheReopenedHistory() {
        StoreTransport transport = StoreTransport.open(StoreOptions.defaults(directory));
        transport.start(new RecordingListener());
        List<CompletableFuture<StoredUpdate>> queued = appendWithoutWaiting(transport);
        transport.close();

        try (StoreTransport reopened = StoreTransport.open(StoreOptions.defaults(directory))) {
            List<StoredUpdate> history = result(History.readAfter(reopened, LastEventId.earliest())).updates();

            assertThat(history).isEqualTo(queued.stream().map(CompletableFuture::join).toList());
        }
    }

    @Test
    void readAfterCloseFails() {
        StoreTransport transport = StoreTransport.open(StoreOptions.defaults(directory));
        transport.close();

        assertThatThrownBy(() -> History.readAfter(transport, LastEventId.earliest()).join())
                .hasCauseInstanceOf(IllegalStateException.class);
    }

    @Test
    void closeWithoutStartReleasesTheDirectory() {
        StoreTransport.open(StoreOptions.defaults(directory)).close();

        assertThatCode(() -> StoreTransport.open(StoreOptions.defaults(directory)).close())
                .doesNotThrowAnyException();
    }

    @Test
    void listenerMayCloseTheStoreWithoutDeadlock() {
        StoreTransport transport = StoreTransport.open(StoreOptions.defaults(directory));
        transport.start(updates -> transport.close());

        StoredUpdate acked = result(transport.append(update("last")));

        assertThat(acked.id()).as("the update that triggered the close is still acknowledged").isNotBlank();
        assertThat(transport.append(update("late"))).isCompletedExceptionally();
        await().atMost(RecordingListener.DEFAULT_WAIT).untilAsserted(() ->
                assertThatCode(() -> StoreTransport.open(StoreOptions.defaults(directory)).close())
                        .as("the directory is released once the close finished").doesNotThrowAnyException());
    }

    private static List<CompletableFuture<StoredUpdate>> appendWithoutWaiting(StoreTransport transport) {
        List<CompletableFuture<StoredUpdate>> queued = new ArrayList<>();
        for (int i = 0; i < QUEUED; i++) {
            queued.add(transport.append(update("update " + i)));
        }
        return queued;
    }

    private static Update update(String data) {
        return Update.of("https://example.com/books/1", data);
    }
}
