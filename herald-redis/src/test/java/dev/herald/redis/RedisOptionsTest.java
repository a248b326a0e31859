package dev.herald.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.herald.core.IdempotencyOptions;
import dev.herald.redis.internal.Keys;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RedisOptionsTest {

    private static final RedisOptions DEFAULTS = RedisOptions.defaults();

    @Test
    void defaultsAreTheNamedConstants() {
        assertThat(DEFAULTS).isEqualTo(new RedisOptions("redis://127.0.0.1:6379", "herald", 1_000_000, 100_000,
                Duration.ofSeconds(2), Duration.ofSeconds(2), 1_000, 10_000, IdempotencyOptions.defaults()));
    }

    @Test
    void withersChangeOnlyTheirField() {
        RedisOptions changed = DEFAULTS.withUri("redis://redis.internal:6380/2").withKeyPrefix("hub-a")
                .withHistorySize(5).withMaxReaderLag(6).withCommandTimeout(Duration.ofMillis(7))
                .withBlockTimeout(Duration.ofMillis(8)).withBatchSize(9).withMaxPendingCommands(10)
                .withIdempotency(new IdempotencyOptions(Duration.ofMinutes(11), 12));

        assertThat(changed).isEqualTo(new RedisOptions("redis://redis.internal:6380/2", "hub-a", 5, 6,
                Duration.ofMillis(7), Duration.ofMillis(8), 9, 10, new IdempotencyOptions(Duration.ofMinutes(11), 12)));
    }

    @Test
    void aSentinelUriIsAccepted() {
        RedisOptions sentinel = DEFAULTS.withUri("redis-sentinel://10.0.0.1:26379,10.0.0.2:26379#mymaster");

        assertThat(sentinel.address().standalone().getSentinelMasterId()).isEqualTo("mymaster");
    }

    @Test
    void aClusterUriNamesEverySeedNode() {
        RedisAddress cluster = DEFAULTS.withUri("redis-cluster://10.0.0.1:7000,10.0.0.2:7001").address();

        assertThat(cluster.cluster()).isTrue();
        assertThat(cluster.nodes()).extracting(node -> node.getHost() + ":" + node.getPort())
                .containsExactly("10.0.0.1:7000", "10.0.0.2:7001");
    }

    @Test
    void aTlsClusterUriKeepsTlsAndThePasswordForEveryNode() {
        RedisAddress cluster = DEFAULTS.withUri("rediss-cluster://:secret@10.0.0.1:7000,10.0.0.2:7001").address();

        assertThat(cluster.nodes()).allSatisfy(node -> {
            assertThat(node.isSsl()).as("TLS on every node").isTrue();
            assertThat(node.getCredentialsProvider().resolveCredentials().block().getPassword())
                    .as("the password for every node").isEqualTo("secret".toCharArray());
        });
    }

    @Test
    void aStandaloneUriIsNotACluster() {
        assertThat(DEFAULTS.address().cluster()).isFalse();
    }

    @Test
    void onAClusterTheKeyPrefixIsAHashTagSoThatEveryKeyHasOneSlot() {
        RedisOptions cluster = DEFAULTS.withUri("redis-cluster://10.0.0.1:7000").withKeyPrefix("news");

        assertThat(cluster.keys()).isEqualTo(new Keys("{news}:sequence", "{news}:stream", "{news}:ids",
                "{news}:later-ids", "{news}:live", "{news}:idempotency", "{news}:idempotency-times"));
    }

    @Test
    void onOneRedisTheKeysKeepTheirNames() {
        assertThat(DEFAULTS.withKeyPrefix("news").keys()).isEqualTo(new Keys("news:sequence", "news:stream",
                "news:ids", "news:later-ids", "news:live", "news:idempotency", "news:idempotency-times"));
    }

    @Test
    void aKeyPrefixWithBracesIsRejectedOnAClusterSinceItWouldMoveTheHashTag() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> DEFAULTS.withKeyPrefix("}x").withUri("redis-cluster://10.0.0.1:7000"))
                .withMessage("keyPrefix must not contain braces on a Redis Cluster, where it becomes the hash tag {}x}");
    }

    @Test
    void aClusterUriIsShownWithoutItsPassword() {
        assertThat(DEFAULTS.withUri("redis-cluster://:very-secret@10.0.0.1:7000,10.0.0.2:7001").toString())
                .startsWith("RedisOptions[uri=redis-cluster://10.0.0.1:7000,10.0.0.2:7001, ")
                .doesNotContain("very-secret");
    }

    @Test
    void aUriLettuceCannotReadIsRejectedWithoutRepeatingIt() {
        assertThatIllegalArgumentException().isThrownBy(() -> DEFAULTS.withUri("http://:secret@example.com"))
                .withMessageStartingWith("uri is not a Redis URI").withMessageNotContaining("secret");
    }

    @Test
    void toStringLeavesThePasswordOut() {
        assertThat(DEFAULTS.withUri("redis://:very-secret@127.0.0.1:6379").toString())
                .startsWith("RedisOptions[uri=redis://").doesNotContain("very-secret");
    }

    @Test
    void blankKeyPrefixIsRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> DEFAULTS.withKeyPrefix(" "))
                .withMessage("keyPrefix must not be blank");
    }

    @Test
    void historySizeBelowOneIsRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> DEFAULTS.withHistorySize(0))
                .withMessage("historySize must be at least 1: 0");
    }

    @Test
    void negativeMaxReaderLagIsRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> DEFAULTS.withMaxReaderLag(-1))
                .withMessage("maxReaderLag must not be negative: -1");
    }

    @Test
    void commandTimeoutBelowOneMillisecondIsRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> DEFAULTS.withCommandTimeout(Duration.ZERO))
                .withMessage("commandTimeout must be at least 1 ms: PT0S");
    }

    @Test
    void blockTimeoutBelowOneMillisecondIsRejectedSinceZeroWouldBlockForever() {
        assertThatIllegalArgumentException().isThrownBy(() -> DEFAULTS.withBlockTimeout(Duration.ofNanos(1)))
                .withMessage("blockTimeout must be at least 1 ms: PT0.000000001S");
    }

    @Test
    void batchSizeBelowOneIsRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> DEFAULTS.withBatchSize(0))
                .withMessage("batchSize must be at least 1: 0");
    }

    @Test
    void maxPendingCommandsBelowOneIsRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> DEFAULTS.withMaxPendingCommands(0))
                .withMessage("maxPendingCommands must be at least 1: 0");
    }
}
