package dev.herald.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.core.RecordingListener;
import dev.herald.core.StoredUpdate;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A Redis that stops answering without dropping connections ({@code CLIENT PAUSE}, as a long fork for a
 * snapshot or an overloaded server would): commands time out, and a timed-out append is ambiguous.
 */
class RedisStallTest {

    private static final Duration COMMAND_TIMEOUT = Duration.ofMillis(300);
    /** Far longer than the command timeout, so the append is still waiting when its timeout fires. */
    private static final long PAUSE_MILLIS = 3_000;

    private final RedisProcess redis = RedisProcess.start();
    private final String prefix = TestRedis.newPrefix();
    private final Keyspace keyspace = new Keyspace(redis.uri(), prefix);
    private final Node node = Node.start(TestRedis.options(redis.uri(), prefix).withCommandTimeout(COMMAND_TIMEOUT));

    @AfterEach
    void stopEverything() {
        node.close();
        keyspace.close();
        redis.close();
    }

    @Test
    void anAppendRedisDoesNotAnswerFailsAfterTheCommandTimeoutAndSaysItMayStillBeStored() {
        keyspace.redis().clientPause(PAUSE_MILLIS);

        CompletableFuture<StoredUpdate> stalled = node.transport.append(Node.update("stalled"));

        assertThat(stalled).failsWithin(RecordingListener.DEFAULT_WAIT).withThrowableThat()
                .havingCause().isInstanceOf(RedisTransportException.class)
                .withMessageContaining("timed out").withMessageEndingWith("(it may still have been stored)");
    }

    @Test
    void aTimedOutAppendThatRedisRanLaterIsDeliveredAllTheSame() {
        // Redis knows the script from then on, so the stalled append is one EVALSHA that runs after the
        // pause (the first append of all would get NOSCRIPT, answered after its timeout: never resent).
        node.append("before");
        keyspace.redis().clientPause(PAUSE_MILLIS);
        CompletableFuture<StoredUpdate> stalled = node.transport.append(Node.update("stalled"));
        assertThat(stalled).failsWithin(RecordingListener.DEFAULT_WAIT);

        assertThat(node.delivered.awaitCount(2)).as("Redis ran the script once the pause ended")
                .extracting(update -> update.update().data()).containsExactly("before", "stalled");
    }

    @Test
    void isNotReadyWhileRedisStallsAndReadyAgainAfter() {
        keyspace.redis().clientPause(PAUSE_MILLIS);

        await().atMost(RecordingListener.DEFAULT_WAIT).until(() -> !node.delivering());

        await().atMost(RecordingListener.DEFAULT_WAIT).until(() -> node.delivering());
    }
}
