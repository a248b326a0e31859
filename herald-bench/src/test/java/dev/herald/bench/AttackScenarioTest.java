package dev.herald.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The hostile connections against a real hub: they are answered, held, and the honest load is counted as usual. */
class AttackScenarioTest {

    private static final int SUBSCRIBERS = 5;

    private final RunningHubFixture hub = new RunningHubFixture();

    @AfterEach
    void stop() {
        hub.close();
    }

    private Report fanoutUnder(AttackOptions attack) throws InterruptedException {
        return Bench.run(hub.options(Scenario.FANOUT).subscribers(SUBSCRIBERS).rate(20)
                .duration(Duration.ofSeconds(1)).attack(attack).build());
    }

    @Test
    void nonReadersAreAnsweredAndHeldWhileHonestSubscribersLoseNothing() throws InterruptedException {
        Report report = fanoutUnder(new AttackOptions(3, AttackOptions.DEFAULT_NON_READER_QUERY, 0, 1,
                AttackOptions.DEFAULT_TEMPLATE_FORMAT, 2));

        assertThat(report.attack().connections().nonReaderAnswers()).as("every non-reader read its status line")
                .isEqualTo(Map.of("HTTP 200", 3L));
        assertThat(report.deliveries().lost()).as("the honest subscribers lost nothing").isZero();
        assertThat(report.deliveries().delivered()).isEqualTo(report.publishing().acknowledged() * SUBSCRIBERS);
    }

    @Test
    void templateStreamsAreOpenedAndReceiveNothingPublished() throws InterruptedException {
        Report report = fanoutUnder(new AttackOptions(0, AttackOptions.DEFAULT_NON_READER_QUERY, 4, 8,
                AttackOptions.DEFAULT_TEMPLATE_FORMAT, 2));

        assertThat(report.attack().connections().templateAnswers()).as("every template stream opened")
                .isEqualTo(Map.of("HTTP 200", 4L));
        assertThat(report.attack().connections().templateStreamsClosed()).as("and stayed open").isZero();
        assertThat(report.deliveries().lost()).as("the honest subscribers lost nothing").isZero();
    }
}
