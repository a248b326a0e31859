package dev.herald.core.memory;

import dev.herald.core.IdempotencyOptions;
import dev.herald.core.IdempotentAppendContract;
import dev.herald.core.Transport;
import java.time.Clock;

/** The shared {@link dev.herald.core.IdempotentAppend} contract, run against the memory transport. */
class MemoryIdempotentAppendTest extends IdempotentAppendContract {

    @Override
    protected Transport newTransport(IdempotencyOptions options) {
        return new MemoryTransport(100, Clock.systemUTC(), options);
    }
}
