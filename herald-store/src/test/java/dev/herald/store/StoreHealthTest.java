package dev.herald.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.core.DeliveryHealth;
import dev.herald.core.RecordingListener;
import dev.herald.core.Update;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the store tells readiness ({@code /readyz}): it delivers exactly while its writer commits, and it
 * is as late as the oldest append waiting for the writer. A disk that refuses writes is a real fault,
 * tested against a hub process in herald-server ({@code StoreReadinessProcessTest}).
 */
class StoreHealthTest {

    private static final Duration BOUND = Duration.ofSeconds(10);

    @TempDir
    Path directory;

    @Test
    void aStartedStoreDeliversAndOneNotStartedOrClosedDoesNotAndSaysWhy() {
        StoreTransport transport = StoreTransport.open(StoreOptions.defaults(directory));
        assertThat(transport.deliveryHealth().problem()).as("before start").contains("the store is not started");
        transport.start(new RecordingListener());
        assertThat(transport.deliveryHealth()).as("started").isEqualTo(DeliveryHealth.CAUGHT_UP);

        transport.close();

        assertThat(transport.deliveryHealth().problem()).as("closed").contains("the store is closed");
    }

    /**
     * An Error on the writer thread (here thrown by the listener, as an OutOfMemoryError could be)
     * ends it: nobody would commit another append, so the store refuses them and says it does not deliver.
     */
    @Test
    void aStoreWhoseWriterThreadDiedDoesNotDeliverSaysWhyAndRefusesAppends() {
        try (StoreTransport transport = StoreTransport.open(StoreOptions.defaults(directory))) {
            transport.start(updates -> {
                throw new Error("a fatal error, thrown by the test's listener");
            });
            transport.append(Update.of("https://example.com/books/1", "kills the writer"));

            // The Error ends the writer thread uncaught, as it would in production: not this test's failure.
            await().dontCatchUncaughtExceptions().atMost(RecordingListener.DEFAULT_WAIT)
                    .until(() -> transport.deliveryHealth().problem().isPresent());
            assertThat(transport.deliveryHealth().notReadyReason(BOUND)).contains(
                    "the store's writer thread failed: java.lang.Error: a fatal error, thrown by the test's listener");
            assertThat(transport.append(Update.of("https://example.com/books/1", "after")))
                    .failsWithin(10, TimeUnit.SECONDS);
        }
    }

    /**
     * A writer that does not come back (held in the listener here; a disk that stopped answering holds
     * it in a commit the same way) reports no problem it could know of, but the appends waiting for it
     * grow older: the lag, which readiness bounds. It is back to zero once the writer caught up.
     */
    @Test
    void aWriterThatDoesNotComeBackShowsAGrowingLagAndNoneOnceItCaughtUp() {
        HoldingListener listener = new HoldingListener();
        try (StoreTransport transport = StoreTransport.open(StoreOptions.defaults(directory))) {
            transport.start(listener);
            transport.append(Update.of("https://example.com/books/1", "held in the listener"));
            listener.awaitHeld();
            transport.append(Update.of("https://example.com/books/1", "waits behind it"));

            await().atMost(RecordingListener.DEFAULT_WAIT)
                    .until(() -> transport.deliveryHealth().lag().compareTo(Duration.ofMillis(200)) > 0);
            assertThat(transport.deliveryHealth().notReadyReason(Duration.ofMillis(100)))
                    .as("late beyond a bound of 100 ms").hasValueSatisfying(reason ->
                            assertThat(reason).startsWith("delivery is ").endsWith(" behind the transport (more than 0.1 s)"));

            listener.release();

            await().atMost(RecordingListener.DEFAULT_WAIT).until(() -> listener.updates().size() == 2);
            await().atMost(RecordingListener.DEFAULT_WAIT)
                    .until(() -> transport.deliveryHealth().equals(DeliveryHealth.CAUGHT_UP));
        }
    }
}
