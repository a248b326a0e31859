package dev.herald.redis;

import dev.herald.redis.internal.Keys;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;

/** A look at (and a hand in) one prefix's keys, through a connection of the test's own. */
final class Keyspace implements AutoCloseable {

    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;
    private final Keys keys;

    Keyspace(String uri, String prefix) {
        this.client = RedisClient.create(uri);
        this.connection = client.connect();
        this.keys = Keys.forPrefix(prefix);
    }

    RedisCommands<String, String> redis() {
        return connection.sync();
    }

    Keys keys() {
        return keys;
    }

    long streamLength() {
        return redis().xlen(keys.stream());
    }

    long indexSize() {
        return redis().zcard(keys.ids());
    }

    long laterIdsSize() {
        return redis().zcard(keys.laterIds());
    }

    /** Makes the next position {@code position + 1}, as if that many updates had been appended. */
    void setSequence(long position) {
        redis().hset(keys.sequence(), "position", Long.toString(position));
    }

    /** Removes every key of the prefix. */
    void deleteAll() {
        redis().del(keys.sequence(), keys.stream(), keys.ids(), keys.laterIds(), keys.idempotency(),
                keys.idempotencyTimes());
    }

    @Override
    public void close() {
        connection.close();
        client.shutdown();
    }
}
