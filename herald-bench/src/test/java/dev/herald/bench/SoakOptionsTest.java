package dev.herald.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The soak's defaults for a long and a short run, and the histories it refuses. */
class SoakOptionsTest {

    @Test
    void theLongRunSamplesEveryMinuteAndFillsItsHistoryInItsFirstSixth() {
        SoakOptions options = SoakOptions.builder(Duration.ofMinutes(30)).build();

        assertThat(options.effectiveSampleEvery()).isEqualTo(Duration.ofMinutes(1));
        assertThat(options.warmup()).isEqualTo(Duration.ofMinutes(10));
        assertThat(options.effectiveHistorySize()).as("100/s for 5 minutes").isEqualTo(30_000);
        assertThat(options.hubMaxPendingBytes()).as("the hub's own budget").isNull();
    }

    @Test
    void aShortRunTakesTheShortVersionsLoad() {
        SoakOptions options = SoakOptions.builder(Duration.ofSeconds(60)).build();

        assertThat(options.rate()).isEqualTo(50);
        assertThat(options.keepers() + options.cyclers() + options.stallers()).isEqualTo(34);
        assertThat(options.effectiveSampleEvery()).isEqualTo(Duration.ofSeconds(4));
        assertThat(options.effectiveHistorySize()).as("twice a stall of 8 s at 50/s").isEqualTo(800);
        assertThat(options.effectiveHistorySize()).as("full within the 20 s warm-up")
                .isLessThanOrEqualTo((long) (options.rate() * 20));
    }

    @Test
    void aHistoryShorterThanTwiceAStallIsRefused() {
        assertThatThrownBy(() -> SoakOptions.builder(Duration.ofMinutes(30)).historySize(5000).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("twice what a staller or a cycler misses while away (9000 updates)");
    }

    @Test
    void aHistoryThatCannotFillWithinTheWarmupIsRefused() {
        assertThatThrownBy(() -> SoakOptions.builder(Duration.ofSeconds(60)).stall(Duration.ofSeconds(15)).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the history must fill within the warm-up");
    }
}
