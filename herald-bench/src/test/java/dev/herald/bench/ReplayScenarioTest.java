package dev.herald.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.bench.internal.Replayer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A history filled by the tool, replayed by the tool: every update comes back once, timed. */
class ReplayScenarioTest {

    private static final int HISTORY = 300;

    private final RunningHubFixture hub = new RunningHubFixture();

    @AfterEach
    void stop() {
        hub.close();
    }

    private ReplayRun replay(long expected, int replays) {
        return new ReplayRun(hub.url(), "/.well-known/mercure", ReplayRun.DEFAULT_TOPIC, "earliest", expected, replays,
                Duration.ofSeconds(20), 0);
    }

    private void fill() throws InterruptedException {
        Report filled = Bench.run(hub.options(Scenario.FILL).subscribers(0).count(HISTORY).publishConnections(4)
                .warmup(Duration.ZERO).duration(Duration.ofSeconds(20)).build());
        assertThat(filled.publishing().acknowledged()).as("the history was filled").isEqualTo(HISTORY);
    }

    @Test
    void replaysEveryFilledUpdateOnceFromEarliest() throws InterruptedException {
        fill();

        ReplayReport report = replay(HISTORY, 2).run();

        assertThat(report.complete()).as("both replays received the whole history").isEqualTo(2);
        for (Replayer.Result result : report.replays()) {
            assertThat(result.status()).isEqualTo(200);
            assertThat(result.unique()).as("every filled update arrived").isEqualTo(HISTORY);
            assertThat(result.duplicates()).as("none twice").isZero();
            assertThat(result.firstEventMicros()).as("the first event came after the head")
                    .isGreaterThanOrEqualTo(result.headMicros());
        }
        assertThat(report.eventsPerSecond()).isPositive();
    }

    @Test
    void aHistoryShorterThanExpectedEndsAtTheTimeoutAsIncomplete() throws InterruptedException {
        fill();

        ReplayReport report = new ReplayRun(hub.url(), "/.well-known/mercure", ReplayRun.DEFAULT_TOPIC, "earliest",
                HISTORY + 1, 1, Duration.ofSeconds(1), 0).run();

        assertThat(report.complete()).as("the replay waited for an event that never came").isZero();
        assertThat(report.replays().get(0).events()).as("and reports what it got").isEqualTo(HISTORY);
    }

    @Test
    void aMissingTopicsReplayHasNoFirstEvent() throws InterruptedException {
        ReplayReport report = new ReplayRun(hub.url(), "/.well-known/mercure", "https://herald.local/empty", "earliest",
                1, 1, Duration.ofMillis(500), 0).run();

        assertThat(report.firstEventMillisWorst()).as("no event, no first-event time").isNull();
        assertThat(report.eventsPerSecond()).isZero();
    }

    @Test
    void summarisesTheSlowestFirstEventAndTheRateOverAllReplays() {
        List<Replayer.Result> results = List.of(
                new Replayer.Result(200, 100, 2_000, 1_000_000, 500_000, 0, 500_000, 0, true, null),
                new Replayer.Result(200, 100, 40_000, 2_000_000, 500_000, 0, 500_000, 0, true, null));

        assertThat(ReplayRun.worstFirstEventMillis(results)).isEqualTo(40.0);
        assertThat(ReplayRun.eventsPerSecond(results)).as("1,000,000 events in 2 s").isEqualTo(500_000);
    }
}
