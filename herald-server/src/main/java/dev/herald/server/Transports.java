package dev.herald.server;

import dev.herald.core.IdempotencyOptions;
import dev.herald.core.Transport;
import dev.herald.core.memory.MemoryTransport;
import dev.herald.redis.RedisOptions;
import dev.herald.redis.RedisTransport;
import dev.herald.redis.RedisTransportException;
import dev.herald.store.StoreException;
import dev.herald.store.StoreOptions;
import dev.herald.store.StoreTransport;
import java.time.Clock;

/** Opens the transport the options name, turning the store's refusals into one-line startup errors. */
final class Transports {

    private Transports() {
    }

    static Transport open(HistoryOptions history, IdempotencyOptions idempotency, Clock clock) {
        return switch (history.transport()) {
            case MEMORY -> new MemoryTransport((int) history.size(), clock, idempotency);
            case STORE -> openStore(history, idempotency, clock);
            case REDIS -> connectRedis(history, idempotency);
        };
    }

    private static Transport connectRedis(HistoryOptions history, IdempotencyOptions idempotency) {
        try {
            return RedisTransport.connect(RedisOptions.defaults().withUri(history.redisUri())
                    .withKeyPrefix(history.redisKeyPrefix()).withHistorySize(history.size())
                    .withIdempotency(idempotency));
        } catch (RedisTransportException e) {
            throw new StartupException(e.getMessage(), e);
        }
    }

    static String describe(HistoryOptions history) {
        return switch (history.transport()) {
            case MEMORY -> "memory history of " + history.size() + " updates";
            case STORE -> "durable history in " + history.dataDirectory().toAbsolutePath() + " (fsync "
                    + history.durability().name().toLowerCase() + ", " + history.size() + " updates or "
                    + history.maxAge().toDays() + " days)";
            case REDIS -> "cluster history on " + redacted(history.redisUri()) + " under '" + history.redisKeyPrefix()
                    + "' (" + history.size() + " updates)";
        };
    }

    /** The URI without its password, for logs. */
    private static String redacted(String uri) {
        return uri.replaceAll("//[^@/]*@", "//***@");
    }

    private static Transport openStore(HistoryOptions history, IdempotencyOptions idempotency, Clock clock) {
        StoreOptions options = StoreOptions.defaults(history.dataDirectory())
                .withDurability(history.durability())
                .withHistorySize(history.size())
                .withHistoryMaxAge(history.maxAge())
                .withClock(clock)
                .withIdempotency(idempotency);
        try {
            return StoreTransport.open(options);
        } catch (StoreException e) {
            throw new StartupException(e.getMessage(), e);
        }
    }
}
