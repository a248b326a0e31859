package dev.herald.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FillScenarioTest {

    private final RunningHubFixture hub = new RunningHubFixture();

    @AfterEach
    void stop() {
        hub.close();
    }

    @Test
    void publishesExactlyTheCountAndWaitsForEveryAnswer() throws InterruptedException {
        Report report = Bench.run(hub.options(Scenario.FILL).subscribers(0).count(500).publishConnections(8)
                .warmup(Duration.ZERO).duration(Duration.ofSeconds(30)).build());

        assertThat(report.publishing().sent()).as("the fill sends exactly --count publishes").isEqualTo(500);
        assertThat(report.publishing().acknowledged()).as("and waits until each was acknowledged").isEqualTo(500);
        assertThat(report.publishing().unanswered()).isZero();
        assertThat(report.ackLatency().count()).as("a fill has no warm-up: every answer is measured").isEqualTo(500);
    }
}
