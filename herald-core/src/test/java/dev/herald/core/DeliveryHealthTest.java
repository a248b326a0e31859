package dev.herald.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The readiness rule every transport's report goes through, and the one line it answers with. */
class DeliveryHealthTest {

    private static final Duration BOUND = Duration.ofSeconds(10);

    @Test
    void aNodeThatDeliversWithinTheBoundIsReady() {
        assertThat(DeliveryHealth.delivering(Duration.ofMillis(9_999)).notReadyReason(BOUND)).isEmpty();
        assertThat(DeliveryHealth.delivering(BOUND).notReadyReason(BOUND)).as("the bound itself is allowed").isEmpty();
        assertThat(DeliveryHealth.CAUGHT_UP.notReadyReason(BOUND)).isEmpty();
    }

    @Test
    void aNodeFurtherBehindThanTheBoundIsNotReadyAndSaysByHowMuch() {
        assertThat(DeliveryHealth.delivering(Duration.ofMillis(12_345)).notReadyReason(BOUND))
                .contains("delivery is 12.3 s behind the transport (more than 10.0 s)");
    }

    @Test
    void aNodeThatDoesNotDeliverIsNotReadyWhateverItsLag() {
        DeliveryHealth stopped = DeliveryHealth.notDelivering("the store's writer thread failed", Duration.ZERO);

        assertThat(stopped.notReadyReason(BOUND)).contains("the store's writer thread failed");
    }

    @Test
    void aProblemIsOneLineWithoutControlCharacters() {
        DeliveryHealth health = DeliveryHealth.notDelivering("cannot read:\r\nERR something\tbad\u2028\n", Duration.ZERO);

        assertThat(health.problem()).contains("cannot read: ERR something bad");
    }

    @Test
    void aLongProblemIsCutToAStatusLine() {
        String problem = DeliveryHealth.notDelivering("x".repeat(1_000), Duration.ZERO).problem().orElseThrow();

        assertThat(problem).hasSize(DeliveryHealth.MAX_PROBLEM_LENGTH).endsWith("…");
    }

    @Test
    void refusesANegativeLagAndAnEmptyProblem() {
        assertThatIllegalArgumentException().isThrownBy(() -> DeliveryHealth.delivering(Duration.ofMillis(-1)));
        assertThatIllegalArgumentException().isThrownBy(() -> DeliveryHealth.notDelivering(" \n", Duration.ZERO));
    }
}
