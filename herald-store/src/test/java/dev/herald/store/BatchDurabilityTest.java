package dev.herald.store;

import dev.herald.core.Transport;
import dev.herald.core.TransportContract;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The contract holds in BATCH mode too: it changes when the disk is synced, nothing a reader sees. */
class BatchDurabilityTest extends TransportContract {

    @TempDir
    Path directory;

    @Override
    protected Transport newTransport(int historyCapacity) {
        return StoreTransport.open(StoreOptions.defaults(directory).withDurability(Durability.BATCH)
                .withHistorySize(historyCapacity));
    }
}
