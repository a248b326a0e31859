package dev.herald.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.herald.core.IdempotencyOptions;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class StoreOptionsTest {

    private static final Path DIRECTORY = Path.of("data");
    private static final StoreOptions DEFAULTS = StoreOptions.defaults(DIRECTORY);

    @Test
    void defaultsAreTheNamedConstants() {
        assertThat(DEFAULTS).isEqualTo(new StoreOptions(DIRECTORY, Durability.ALWAYS, 1_000_000,
                Duration.ofDays(7), 1_000, 100_000, Clock.systemUTC(), IdempotencyOptions.defaults()));
    }

    @Test
    void withersChangeOnlyTheirField() {
        StoreOptions changed = DEFAULTS.withDurability(Durability.BATCH).withHistorySize(5)
                .withHistoryMaxAge(Duration.ofHours(1)).withBatchLimit(7).withMaxQueuedAppends(9);

        assertThat(changed).isEqualTo(new StoreOptions(DIRECTORY, Durability.BATCH, 5, Duration.ofHours(1), 7, 9,
                Clock.systemUTC(), IdempotencyOptions.defaults()));
    }

    @Test
    void historySizeBelowOneIsRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> DEFAULTS.withHistorySize(0))
                .withMessage("historySize must be at least 1: 0");
    }

    @Test
    void historyMaxAgeMustBePositive() {
        assertThatIllegalArgumentException().isThrownBy(() -> DEFAULTS.withHistoryMaxAge(Duration.ZERO))
                .withMessage("historyMaxAge must be positive: PT0S");
    }

    @Test
    void batchLimitBelowOneIsRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> DEFAULTS.withBatchLimit(0))
                .withMessage("batchLimit must be at least 1: 0");
    }

    @Test
    void maxQueuedAppendsBelowOneIsRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> DEFAULTS.withMaxQueuedAppends(0))
                .withMessage("maxQueuedAppends must be at least 1: 0");
    }
}
