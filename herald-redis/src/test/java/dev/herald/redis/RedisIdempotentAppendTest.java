package dev.herald.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.core.Acks;
import dev.herald.core.Appended;
import dev.herald.core.IdempotencyKey;
import dev.herald.core.IdempotencyOptions;
import dev.herald.core.IdempotentAppendContract;
import dev.herald.core.StoredUpdate;
import dev.herald.core.Transport;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The shared {@link dev.herald.core.IdempotentAppend} contract on the test Redis, under a fresh key prefix
 * per test, and what only a shared transport has: attempts on two nodes of one hub.
 */
class RedisIdempotentAppendTest extends IdempotentAppendContract {

    private static final IdempotencyKey KEY = new IdempotencyKey("publisher-a", "8e03978e");

    private final String prefix = TestRedis.newPrefix();

    @Override
    protected Transport newTransport(IdempotencyOptions options) {
        return RedisTransport.connect(TestRedis.options(prefix).withIdempotency(options));
    }

    @AfterEach
    void deleteKeys() {
        TestRedis.deleteKeys(prefix);
    }

    @Test
    void aRetryOnTheOtherNodeGetsTheFirstIdAndStoresNothing() {
        try (Node a = Node.start(TestRedis.options(prefix)); Node b = Node.start(TestRedis.options(prefix))) {
            Appended first = Acks.result(once(a.transport, Node.update("paid"), KEY));

            Appended retry = Acks.result(once(b.transport, Node.update("paid"), KEY));
            StoredUpdate marker = b.append("marker");

            assertThat(retry.id()).as("the other node answers with the first attempt's id").isEqualTo(first.id());
            assertThat(retry.repeated()).isTrue();
            assertThat(a.delivered.awaitCount(2)).extracting(StoredUpdate::id).as("stored once for the whole hub")
                    .containsExactly(first.id(), marker.id());
        }
    }

    @Test
    void concurrentAttemptsOnBothNodesStoreTheUpdateOnce() {
        try (Node a = Node.start(TestRedis.options(prefix)); Node b = Node.start(TestRedis.options(prefix))) {
            List<CompletableFuture<Appended>> attempts = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                attempts.add(once((i % 2 == 0 ? a : b).transport, Node.update("paid"), KEY));
            }
            List<Appended> answers = attempts.stream().map(Acks::result).toList();

            assertThat(answers).extracting(Appended::id).containsOnly(answers.get(0).id());
            assertThat(answers).filteredOn(answer -> !answer.repeated()).as("one attempt stored it").hasSize(1);
        }
    }

    @Test
    void theKeysExpireInRedisAWindowAfterTheLastKeyedAppend() {
        try (Node a = Node.start(TestRedis.options(prefix)); Keyspace keyspace = new Keyspace(TestRedis.uri(), prefix)) {
            Acks.result(once(a.transport, Node.update("paid"), KEY));

            long ttl = keyspace.redis().pttl(keyspace.keys().idempotency());
            assertThat(ttl).as("the hash of keys carries the window as its time to live")
                    .isPositive().isLessThanOrEqualTo(IdempotencyOptions.DEFAULT_WINDOW.toMillis());
            assertThat(keyspace.redis().pttl(keyspace.keys().idempotencyTimes())).isPositive();
        }
    }
}
