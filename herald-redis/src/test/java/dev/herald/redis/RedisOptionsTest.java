package dev.herald.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RedisOptionsTest {

    private static final RedisOptions DEFAULTS = RedisOptions.defaults();

    @Test
    void defaultsAreTheNamedConstants() {
        assertThat(DEFAULTS).isEqualTo(new RedisOptions("redis://127.0.0.1:6379", "herald", 1_000_000, 100_000,
                Duration.ofSeconds(2), Duration.ofSeconds(2), 1_000, 10_000));
    }

    @Test
    void withersChangeOnlyTheirField() {
        RedisOptions changed = DEFAULTS.withUri("redis://redis.internal:6380/2").withKeyPrefix("hub-a")
                .withHistorySize(5).withMaxReaderLag(6).withCommandTimeout(Duration.ofMillis(7))
                .withBlockTimeout(Duration.ofMillis(8)).withBatchSize(9).withMaxPendingCommands(10);

        assertThat(changed).isEqualTo(new RedisOptions("redis://redis.internal:6380/2", "hub-a", 5, 6,
                Duration.ofMillis(7), Duration.ofMillis(8), 9, 10));
    }

    @Test
    void aSentinelUriIsAccepted() {
        RedisOptions sentinel = DEFAULTS.withUri("redis-sentinel://10.0.0.1:26379,10.0.0.2:26379#mymaster");

        assertThat(sentinel.redisUri().getSentinelMasterId()).isEqualTo("mymaster");
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
