package dev.herald.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PublishScenarioTest {

    private static final int SUBSCRIBERS = 5;

    private final RunningHubFixture hub = new RunningHubFixture();

    @AfterEach
    void stop() {
        hub.close();
    }

    @Test
    void closedLoopPublishesAreAllAcknowledgedAndDelivered() throws InterruptedException {
        Report report = Bench.run(hub.options(Scenario.PUBLISH)
                .subscribers(SUBSCRIBERS).publishConnections(2).duration(Duration.ofSeconds(1)).build());

        long acknowledged = report.publishing().acknowledged();
        assertThat(acknowledged).as("some publishes were acknowledged").isPositive();
        assertThat(acknowledged).as("every publish sent was acknowledged").isEqualTo(report.publishing().sent());
        assertThat(report.publishing().errors()).isZero();
        assertThat(report.ackLatency().count()).as("answer latencies are taken after the warm-up only")
                .isPositive().isLessThan(acknowledged);
        assertThat(report.deliveries().delivered()).as("each subscriber got every acknowledged publish")
                .isEqualTo(acknowledged * SUBSCRIBERS);
        assertThat(report.deliveries().lost()).isZero();
    }

    @Test
    void runsWithoutSubscribers() throws InterruptedException {
        Report report = Bench.run(hub.options(Scenario.PUBLISH)
                .subscribers(0).publishConnections(1).duration(Duration.ofMillis(500)).build());

        assertThat(report.publishing().acknowledged()).isPositive().isEqualTo(report.publishing().sent());
        assertThat(report.tool().workers()).as("no worker without subscribers").isZero();
    }
}
