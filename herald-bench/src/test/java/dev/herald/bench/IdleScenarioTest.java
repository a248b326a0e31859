package dev.herald.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

class IdleScenarioTest {

    private final RunningHubFixture hub = new RunningHubFixture();

    @AfterEach
    void stop() {
        hub.close();
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void holdsTheSubscribersAndReadsTheServersMemory() throws InterruptedException {
        // The hub runs in this JVM, so its /proc figures are this process's.
        Report report = Bench.run(hub.options(Scenario.IDLE).subscribers(50).duration(Duration.ofMillis(200))
                .serverPid(ProcessHandle.current().pid()).build());

        assertThat(report.subscribers().connected()).isEqualTo(50);
        assertThat(report.subscribers().closedByServer()).isZero();
        assertThat(report.publishing().sent()).as("idle publishes nothing").isZero();
        assertThat(report.server()).isNotNull();
        assertThat(report.server().rssAfterKb()).as("the server's RSS was read").isPositive();
        assertThat(report.server().rssPerConnectionKb()).isNotNull();
    }

    @Test
    void theReportCarriesTheRunsLabelAmongItsParameters() throws InterruptedException {
        Report report = Bench.run(hub.options(Scenario.IDLE).subscribers(1).duration(Duration.ofMillis(100))
                .label("herald-memory").build());

        assertThat(report.parameters()).containsEntry("label", "herald-memory");
    }
}
