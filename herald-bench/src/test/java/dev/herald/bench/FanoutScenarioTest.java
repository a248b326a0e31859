package dev.herald.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The tool against a real hub: what it counts must add up exactly. No figure here depends on timing. */
class FanoutScenarioTest {

    private static final int SUBSCRIBERS = 20;
    private static final int RATE = 20;
    private static final Duration DURATION = Duration.ofSeconds(2);
    private static final long MEASURED = RATE * DURATION.toSeconds();
    private static final long PUBLISHES = MEASURED + RATE * RunningHubFixture.WARMUP.toMillis() / 1000;

    private final RunningHubFixture hub = new RunningHubFixture();

    @AfterEach
    void stop() {
        hub.close();
    }

    @Test
    void everySubscriberReceivesEveryAcknowledgedMercurePublishOnce() throws InterruptedException {
        Report report = Bench.run(hub.options(Scenario.FANOUT)
                .subscribers(SUBSCRIBERS).rate(RATE).duration(DURATION).build());

        assertDeliveredExactlyOnce(report);
    }

    @Test
    void theStampSurvivesTheDemoApiAppendingTheTime() throws InterruptedException {
        Report report = Bench.run(hub.options(Scenario.FANOUT).api(Api.DEMO)
                .subscribers(SUBSCRIBERS).rate(RATE).duration(DURATION).build());

        assertDeliveredExactlyOnce(report);
        assertThat(report.deliveries().unstamped()).as("every /stream event carried the stamp").isZero();
    }

    @Test
    void aForkedWorkerReportsLikeAnInProcessOne() throws InterruptedException {
        Report report = Bench.run(hub.options(Scenario.FANOUT).inProcess(false).workers(1)
                .subscribers(SUBSCRIBERS).rate(RATE).duration(DURATION).build());

        assertDeliveredExactlyOnce(report);
        assertThat(report.tool().workers()).isEqualTo(1);
    }

    private static void assertDeliveredExactlyOnce(Report report) {
        assertThat(report.subscribers().connected()).as("every subscriber connected").isEqualTo(SUBSCRIBERS);
        assertThat(report.subscribers().closedByServer()).as("the hub closed no stream").isZero();
        assertThat(report.publishing().sent()).as("the open loop sends rate x (warm-up + duration)").isEqualTo(PUBLISHES);
        assertThat(report.publishing().acknowledged()).as("the hub acknowledged every publish").isEqualTo(PUBLISHES);
        assertThat(report.deliveries().expected()).isEqualTo(PUBLISHES * SUBSCRIBERS);
        assertThat(report.deliveries().delivered()).as("delivered = published x subscribers")
                .isEqualTo(PUBLISHES * SUBSCRIBERS);
        assertThat(report.deliveries().lost()).as("nothing lost").isZero();
        assertThat(report.deliveries().gaps()).as("no sequence number skipped").isZero();
        assertThat(report.deliveries().duplicates()).as("nothing delivered twice").isZero();
        assertThat(report.latency().count()).as("one latency sample per delivery after the warm-up")
                .isEqualTo(MEASURED * SUBSCRIBERS);
        assertThat(report.ackLatency().count()).as("one answer latency per publish after the warm-up").isEqualTo(MEASURED);
    }
}
