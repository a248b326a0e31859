package dev.herald.store;

import dev.herald.core.IdempotencyOptions;
import dev.herald.core.IdempotentAppendContract;
import dev.herald.core.Transport;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The shared {@link dev.herald.core.IdempotentAppend} contract, run against a store in a fresh directory. */
class StoreIdempotentAppendTest extends IdempotentAppendContract {

    @TempDir
    Path directory;

    @Override
    protected Transport newTransport(IdempotencyOptions options) {
        return StoreTransport.open(StoreOptions.defaults(directory).withIdempotency(options));
    }
}
