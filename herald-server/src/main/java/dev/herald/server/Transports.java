package dev.herald.server;

import dev.herald.core.Transport;
import dev.herald.core.memory.MemoryTransport;
import dev.herald.store.StoreException;
import dev.herald.store.StoreOptions;
import dev.herald.store.StoreTransport;
import java.time.Clock;

/** Opens the transport the options name, turning the store's refusals into one-line startup errors. */
final class Transports {

    private Transports() {
    }

    static Transport open(HistoryOptions history, Clock clock) {
        return switch (history.transport()) {
            case MEMORY -> new MemoryTransport((int) history.size(), clock);
            case STORE -> openStore(history, clock);
        };
    }

    static String describe(HistoryOptions history) {
        return switch (history.transport()) {
            case MEMORY -> "memory history of " + history.size() + " updates";
            case STORE -> "durable history in " + history.dataDirectory().toAbsolutePath() + " (fsync "
                    + history.durability().name().toLowerCase() + ", " + history.size() + " updates or "
                    + history.maxAge().toDays() + " days)";
        };
    }

    private static Transport openStore(HistoryOptions history, Clock clock) {
        StoreOptions options = StoreOptions.defaults(history.dataDirectory())
                .withDurability(history.durability())
                .withHistorySize(history.size())
                .withHistoryMaxAge(history.maxAge())
                .withClock(clock);
        try {
            return StoreTransport.open(options);
        } catch (StoreException e) {
            throw new StartupException(e.getMessage(), e);
        }
    }
}
