package dev.herald.redis;

import java.time.Duration;
import java.util.UUID;

/**
 * The Redis the tests share: the one on 127.0.0.1:6379 (or the port in the system property
 * {@code herald.test.redis.port}) when it answers PING, otherwise a redis-server started for this test
 * run (and killed when the JVM exits). Every test takes its own random key prefix, so tests and runs
 * never see each other's keys.
 */
final class TestRedis {

    /** Generous for a local Redis, short enough that a test of a failure does not wait long. */
    static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(2);
    /** Short, so that close and stalls are noticed quickly in tests. */
    static final Duration BLOCK_TIMEOUT = Duration.ofMillis(500);

    private TestRedis() {
    }

    /** The shared Redis's URI. */
    static String uri() {
        return Shared.URI;
    }

    /** A key prefix no other test uses. */
    static String newPrefix() {
        return "herald-test:" + UUID.randomUUID();
    }

    /** Options for the given Redis and prefix, with test timeouts. */
    static RedisOptions options(String uri, String prefix) {
        return RedisOptions.defaults().withUri(uri).withKeyPrefix(prefix).withCommandTimeout(COMMAND_TIMEOUT)
                .withBlockTimeout(BLOCK_TIMEOUT);
    }

    /** Options for the shared Redis and the given prefix. */
    static RedisOptions options(String prefix) {
        return options(uri(), prefix);
    }

    /** Removes the prefix's keys from the shared Redis. */
    static void deleteKeys(String prefix) {
        try (Keyspace keyspace = new Keyspace(uri(), prefix)) {
            keyspace.deleteAll();
        }
    }

    /** Initialized on first use: the class loader runs this once, whichever test asks first. */
    private static final class Shared {

        private static final int PORT = Integer.getInteger("herald.test.redis.port", 6379);
        static final String URI = find();

        private static String find() {
            if (RedisProcess.answersPing(PORT)) {
                return "redis://127.0.0.1:" + PORT;
            }
            RedisProcess started = RedisProcess.start();
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "herald-test-redis-stop"));
            return started.uri();
        }
    }
}
