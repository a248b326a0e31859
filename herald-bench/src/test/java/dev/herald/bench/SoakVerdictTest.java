package dev.herald.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;

/** When a series counts as flat over a soak's measured window, and when it grows. */
class SoakVerdictTest {

    /** 31 samples a minute apart: the 30-minute run's, its window from minute 10 on. */
    private static final int SAMPLES = 31;
    private static final double WINDOW_FROM = 600;
    private static final double TOLERANCE = 0.05;

    @Test
    void aSeriesThatWobblesWithinTheToleranceIsFlat() {
        List<SoakSample> samples = threads(minute -> 100 + (minute % 2 == 0 ? 3 : -3));

        SoakVerdict.SeriesCheck check = SoakVerdict.flat(SoakSeries.THREADS, samples, WINDOW_FROM, TOLERANCE, false);

        assertThat(check.pass()).as(check.detail()).isTrue();
        assertThat(check.samples()).as("minutes 10 to 30").isEqualTo(21);
        assertThat(check.min()).isEqualTo(97.0);
        assertThat(check.max()).isEqualTo(103.0);
    }

    @Test
    void aSeriesThatCreepsUpPastTheToleranceGrowsThoughNoStepIsLarge() {
        List<SoakSample> samples = threads(minute -> 100 + 0.4 * minute); // +8 over the window: 0.4 a minute

        SoakVerdict.SeriesCheck check = SoakVerdict.flat(SoakSeries.THREADS, samples, WINDOW_FROM, TOLERANCE, false);

        assertThat(check.pass()).as(check.detail()).isFalse();
        assertThat(check.growthPercent()).isGreaterThan(5.0);
    }

    @Test
    void growthDuringTheWarmupIsLeftOutOfTheWindow() {
        List<SoakSample> samples = threads(minute -> minute < 10 ? 20 + 8 * minute : 100);

        SoakVerdict.SeriesCheck check = SoakVerdict.flat(SoakSeries.THREADS, samples, WINDOW_FROM, TOLERANCE, false);

        assertThat(check.pass()).as(check.detail()).isTrue();
    }

    @Test
    void oneHighSampleAtTheEndDoesNotDecideAlone() {
        List<SoakSample> samples = threads(minute -> minute == 30 ? 200 : 100);

        SoakVerdict.SeriesCheck check = SoakVerdict.flat(SoakSeries.THREADS, samples, WINDOW_FROM, TOLERANCE, false);

        assertThat(check.pass()).as("the median of the last five is 100: %s", check.detail()).isTrue();
    }

    @Test
    void aShortRunAllowsEachSeriesItsSlackOnTopOfTheTolerance() {
        // 60 s sampled every 4 s: the window starts at 20 s; 26 to 28 threads is +7.7 %.
        List<SoakSample> samples = new ArrayList<>();
        for (int t = 0; t <= 56; t += 4) {
            samples.add(sample(t, t < 40 ? 26 : 28));
        }

        SoakVerdict.SeriesCheck longRule = SoakVerdict.flat(SoakSeries.THREADS, samples, 20, TOLERANCE, false);
        SoakVerdict.SeriesCheck shortRule = SoakVerdict.flat(SoakSeries.THREADS, samples, 20, TOLERANCE, true);

        assertThat(longRule.pass()).as(longRule.detail()).isFalse();
        assertThat(shortRule.pass()).as(shortRule.detail()).isTrue();
        assertThat(shortRule.limit()).as("26 × 1.05 + 2").isEqualTo(29.3);
    }

    @Test
    void aSeriesNotMeasuredInTheWindowFails() {
        List<SoakSample> samples = new ArrayList<>(threads(minute -> 100));
        SoakSample last = samples.remove(samples.size() - 1);
        samples.add(new SoakSample(last.seconds(), null, last.rssKb(), last.openFiles(), last.threads(), last.storeBytes(),
                last.cpuMicros(), last.connections()));

        SoakVerdict.SeriesCheck check = SoakVerdict.flat(SoakSeries.HEAP, samples, WINDOW_FROM, TOLERANCE, false);

        assertThat(check.pass()).isFalse();
        assertThat(check.detail()).isEqualTo("not measured in every sample of the window");
    }

    @Test
    void aRunPassesOnlyWhenEverySeriesAndCheckDoes() {
        SoakVerdict.SeriesCheck flat = SoakVerdict.flat(SoakSeries.THREADS, threads(minute -> 100), WINDOW_FROM, TOLERANCE, false);
        SoakVerdict.Check failed = new SoakVerdict.Check("nothing lost", false, "3 of 9 due deliveries never arrived");

        SoakVerdict verdict = SoakVerdict.of(List.of(flat), List.of(failed));

        assertThat(verdict.pass()).isFalse();
        assertThat(verdict.failures()).containsExactly("nothing lost: 3 of 9 due deliveries never arrived");
        assertThat(SoakVerdict.of(List.of(flat), List.of()).pass()).isTrue();
    }

    @Test
    void runsUnderFifteenMinutesAreShort() {
        assertThat(SoakVerdict.shortRun(Duration.ofSeconds(60))).isTrue();
        assertThat(SoakVerdict.shortRun(Duration.ofMinutes(30))).isFalse();
    }

    /** Samples a minute apart whose thread count is {@code threads(minute)}; the other figures constant. */
    private static List<SoakSample> threads(IntToDoubleFunction threads) {
        List<SoakSample> samples = new ArrayList<>();
        for (int minute = 0; minute < SAMPLES; minute++) {
            samples.add(sample(minute * 60.0, threads.applyAsDouble(minute)));
        }
        return samples;
    }

    private static SoakSample sample(double seconds, double threads) {
        return new SoakSample(seconds, 10L << 20, 150_000, 80, Math.round(threads), 5L << 20, 0, 40);
    }
}
