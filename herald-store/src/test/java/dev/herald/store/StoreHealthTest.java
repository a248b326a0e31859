package dev.herald.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.core.RecordingListener;
import dev.herald.core.Update;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Readiness (what {@code /readyz} reports): the store is ready exactly while it accepts appends. */
class StoreHealthTest {

    @TempDir
    Path directory;

    @Test
    void aStartedStoreIsReadyAndAClosedOneIsNot() {
        StoreTransport transport = StoreTransport.open(StoreOptions.defaults(directory));
        assertThat(transport.ready()).as("before start").isFalse();
        transport.start(new RecordingListener());
        assertThat(transport.ready()).as("started").isTrue();

        transport.close();

        assertThat(transport.ready()).as("closed").isFalse();
    }

    /**
     * An Error on the writer thread (here thrown by the listener, as an OutOfMemoryError could be)
     * ends it: nobody would commit another append, so the store refuses them and says it is not ready.
     */
    @Test
    void aStoreWhoseWriterFailedIsNotReadyAndRefusesAppends() {
        try (StoreTransport transport = StoreTransport.open(StoreOptions.defaults(directory))) {
            transport.start(updates -> {
                throw new Error("a fatal error, thrown by the test's listener");
            });
            transport.append(Update.of("https://example.com/books/1", "kills the writer"));

            // The Error ends the writer thread uncaught, as it would in production: not this test's failure.
            await().dontCatchUncaughtExceptions().atMost(RecordingListener.DEFAULT_WAIT)
                    .until(() -> !transport.ready());
            assertThat(transport.append(Update.of("https://example.com/books/1", "after")))
                    .failsWithin(10, TimeUnit.SECONDS);
        }
    }
}
