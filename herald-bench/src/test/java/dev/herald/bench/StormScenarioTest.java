package dev.herald.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The storm against a real hub, without a restart (an in-process hub cannot be restarted by a
 * command): everyone disconnects, falls behind, reconnects with its Last-Event-ID and catches up.
 */
class StormScenarioTest {

    private static final int SUBSCRIBERS = 20;
    private static final int BEFORE = 3;
    private static final int BEHIND = 10;

    private final RunningHubFixture hub = new RunningHubFixture();

    @AfterEach
    void stop() {
        hub.close();
    }

    private StormReport storm(BenchOptions.Builder options) throws InterruptedException {
        return Storm.run(options.subscribers(SUBSCRIBERS).build(), new StormOptions(BEFORE, BEHIND,
                Duration.ofMillis(200), Duration.ofSeconds(20), null, StormOptions.DEFAULT_RESTART_TIMEOUT));
    }

    @Test
    void everySubscriberResumesFromItsLastEventIdAndGetsWhatItMissedOnce() throws InterruptedException {
        StormReport report = storm(hub.options(Scenario.STORM));

        assertThat(report.subscribers().withLastEventId()).as("every subscriber had an id to resume from")
                .isEqualTo(SUBSCRIBERS);
        assertThat(report.subscribers().reopened()).as("every subscriber reconnected").isEqualTo(SUBSCRIBERS);
        assertThat(report.deliveries().expected()).isEqualTo((long) (BEFORE + BEHIND) * SUBSCRIBERS);
        assertThat(report.deliveries().lost()).as("nothing missed across the reconnect").isZero();
        assertThat(report.deliveries().duplicates()).as("nothing received twice: the replay began after the last id")
                .isZero();
        assertThat(report.catchUpMillis()).as("the time to catch up was measured").isNotNull();
        assertThat(report.allCaughtUp()).isTrue();
    }

    @Test
    void aForkedWorkerDisconnectsAndReconnectsLikeAnInProcessOne() throws InterruptedException {
        StormReport report = storm(hub.options(Scenario.STORM).inProcess(false).workers(1));

        assertThat(report.subscribers().reopened()).as("the forked worker reconnected everyone").isEqualTo(SUBSCRIBERS);
        assertThat(report.deliveries().lost()).isZero();
        assertThat(report.deliveries().duplicates()).isZero();
    }
}
