package dev.herald.core.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import dev.herald.core.History;
import dev.herald.core.LastEventId;
import dev.herald.core.RecordingListener;
import dev.herald.core.StoredUpdate;
import dev.herald.core.Transport;
import dev.herald.core.TransportContract;
import dev.herald.core.Update;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The shared {@link Transport} contract, plus what only the in-memory ring promises. */
class MemoryTransportTest extends TransportContract {

    private static final Update UPDATE = Update.of("https://example.com/books/1", "x");

    @Override
    protected Transport newTransport(int historyCapacity) {
        return new MemoryTransport(historyCapacity);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1})
    void capacityBelowOneIsRejected(int capacity) {
        assertThatIllegalArgumentException().isThrownBy(() -> new MemoryTransport(capacity))
                .withMessage("capacity must be at least 1: " + capacity);
    }

    @Test
    void appendBeforeStartFails() {
        try (MemoryTransport transport = new MemoryTransport(10)) {
            CompletableFuture<StoredUpdate> appended = transport.append(UPDATE);

            assertThat(appended).as("an unstarted transport has nobody to deliver to")
                    .isCompletedExceptionally();
        }
    }

    @Test
    void startingTwiceIsRejected() {
        try (MemoryTransport transport = new MemoryTransport(10)) {
            transport.start(new RecordingListener());

            assertThatIllegalStateException().isThrownBy(() -> transport.start(new RecordingListener()))
                    .withMessage("already started");
        }
    }

    @Test
    void updateIsDeliveredBeforeAppendCompletes() {
        RecordingListener listener = new RecordingListener();
        try (MemoryTransport transport = new MemoryTransport(10)) {
            transport.start(listener);

            StoredUpdate stored = transport.append(UPDATE).join();

            assertThat(listener.updates()).as("delivery happens under the append lock, before the ack")
                    .containsExactly(stored);
        }
    }

    @Test
    void generatedIdsCarryTheTimeOfTheGivenClock() {
        Instant now = Instant.parse("2026-01-02T03:04:05.678Z");
        try (MemoryTransport transport = new MemoryTransport(10, Clock.fixed(now, ZoneOffset.UTC))) {
            transport.start(new RecordingListener());

            String id = transport.append(UPDATE).join().id();

            UUID uuid = UUID.fromString(id.substring("urn:uuid:".length()));
            assertThat(uuid.getMostSignificantBits() >>> 16).isEqualTo(now.toEpochMilli());
        }
    }

    @Test
    void capacityOfOneRetainsOnlyTheNewestUpdate() {
        try (MemoryTransport transport = new MemoryTransport(1)) {
            transport.start(new RecordingListener());
            transport.append(UPDATE.withId("dup")).join();
            StoredUpdate newest = transport.append(UPDATE.withId("dup")).join();

            assertThat(History.readAfter(transport, LastEventId.earliest()).join().updates())
                    .containsExactly(newest);
        }
    }
}
