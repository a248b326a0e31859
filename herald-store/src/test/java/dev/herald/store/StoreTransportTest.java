package dev.herald.store;

import dev.herald.core.Transport;
import dev.herald.core.TransportContract;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The shared {@link Transport} contract, run against a store in a fresh directory per test. */
class StoreTransportTest extends TransportContract {

    @TempDir
    Path directory;

    @Override
    protected Transport newTransport(int historyCapacity) {
        return StoreTransport.open(StoreOptions.defaults(directory).withHistorySize(historyCapacity));
    }
}
