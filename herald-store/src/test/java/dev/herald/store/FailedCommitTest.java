package dev.herald.store;

import dev.herald.core.History;
import dev.herald.core.Acks;

import static dev.herald.core.Acks.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.core.LastEventId;
import dev.herald.core.StoredUpdate;
import dev.herald.core.Update;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A batch SQLite refuses. The refusal is real: a trigger, created from the side as an operator could,
 * aborts the insert of one update inside the transaction, as a full disk or an I/O error would. The
 * batch is assembled behind a held writer, so the refused update shares its commit with others.
 */
class FailedCommitTest {

    private static final String POISON = "poison";

    @TempDir
    Path directory;

    private final HoldingListener listener = new HoldingListener();
    private StoreTransport transport;
    private StoredUpdate held;
    private List<CompletableFuture<StoredUpdate>> refusedBatch;

    @BeforeEach
    void refuseOneBatch() {
        transport = StoreTransport.open(StoreOptions.defaults(directory));
        transport.start(listener);
        StoreFiles.execute(directory, "CREATE TRIGGER refuse_poison BEFORE INSERT ON updates"
                + " WHEN instr(NEW.record, '" + POISON + "') > 0 BEGIN SELECT RAISE(ABORT, 'write refused'); END");
        CompletableFuture<StoredUpdate> first = transport.append(update("held"));
        listener.awaitHeld();
        refusedBatch = List.of(transport.append(update("before")), transport.append(update(POISON)),
                transport.append(update("after")));
        listener.release();
        held = result(first);
    }

    @AfterEach
    void closeTransport() {
        transport.close();
    }

    @Test
    void everyAppendOfTheFailedBatchFails() {
        assertThat(refusedBatch).allSatisfy(future -> assertThatThrownBy(future::get)
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(StoreException.class)
                .hasMessageStartingWith("committing 3 updates failed: "));
    }

    @Test
    void nothingOfTheFailedBatchIsDelivered() {
        CompletableFuture.allOf(refusedBatch.toArray(CompletableFuture[]::new)).exceptionally(failure -> null).join();

        assertThat(listener.updates()).as("only the update committed before").containsExactly(held);
    }

    @Test
    void nothingOfTheFailedBatchIsStored() {
        CompletableFuture.allOf(refusedBatch.toArray(CompletableFuture[]::new)).exceptionally(failure -> null).join();

        assertThat(result(History.readAfter(transport, LastEventId.earliest())).updates()).containsExactly(held);
        assertThat(StoreFiles.storedRows(directory)).isEqualTo(1);
    }

    @Test
    void theNextAppendTakesTheNextPositionAndIsDelivered() {
        CompletableFuture.allOf(refusedBatch.toArray(CompletableFuture[]::new)).exceptionally(failure -> null).join();

        StoredUpdate next = result(transport.append(update("next")));

        assertThat(next.position()).as("the failed batch's positions were never acknowledged, so they are used")
                .isEqualTo(held.position().next());
        assertThat(listener.updates()).containsExactly(held, next);
    }

    private static Update update(String data) {
        return Update.of("https://example.com/books/1", data);
    }
}
