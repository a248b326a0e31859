package dev.herald.core.memory;

import dev.herald.core.LiveBroadcastContract;
import dev.herald.core.Transport;

/** The shared {@link dev.herald.core.LiveBroadcast} contract, run against the memory transport. */
class MemoryLiveBroadcastTest extends LiveBroadcastContract {

    @Override
    protected Transport newTransport() {
        return new MemoryTransport(100);
    }
}
