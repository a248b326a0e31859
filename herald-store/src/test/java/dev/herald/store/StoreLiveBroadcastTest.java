package dev.herald.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.core.LiveBroadcast;
import dev.herald.core.LiveBroadcastContract;
import dev.herald.core.Transport;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shared {@link LiveBroadcast} contract, run against a store in a fresh directory per test. */
class StoreLiveBroadcastTest extends LiveBroadcastContract {

    @TempDir
    Path directory;
    private StoreTransport store;

    @Override
    protected Transport newTransport() {
        store = StoreTransport.open(StoreOptions.defaults(directory).withHistorySize(10));
        return store;
    }

    @Test
    void broadcastUpdatesAreNeverCommitted() {
        LiveBroadcast broadcast = started();
        for (int i = 0; i < 1_000; i++) {
            join(broadcast.broadcast(liveUpdate("urn:uuid:live-" + i, "x")));
        }

        assertThat(store.committedUpdates()).as("a thousand live-only updates commit nothing").isZero();
        assertThat(store.commits()).as("nor do they cost a transaction").isZero();
    }
}
