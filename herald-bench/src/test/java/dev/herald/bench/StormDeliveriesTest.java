package dev.herald.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.bench.internal.WorkerResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StormDeliveriesTest {

    /** A worker's result with only the delivery counts set. */
    private static WorkerResult worker(long expected, long unique, long duplicates, long gaps) {
        return new WorkerResult(0, 0, Map.of(), 0, unique + duplicates, 0, 0, 0, expected, unique, duplicates, 0, 0, gaps,
                "", 0);
    }

    @Test
    void lossIsWhatTheWorkersExpectedLessWhatArrivedOnceOverBothConnections() {
        Report.Deliveries deliveries = Storm.deliveries(List.of(worker(550_000, 550_000, 0, 0),
                worker(550_000, 549_900, 12, 0)));

        assertThat(deliveries.expected()).isEqualTo(1_100_000);
        assertThat(deliveries.delivered()).as("duplicates are not deliveries").isEqualTo(1_099_900);
        assertThat(deliveries.lost()).isEqualTo(100);
        assertThat(deliveries.duplicates()).as("a replay that began before the last id shows here").isEqualTo(12);
    }

    @Test
    void moreArrivalsThanExpectedAreNoNegativeLoss() {
        Report.Deliveries deliveries = Storm.deliveries(List.of(worker(10, 11, 0, 0)));

        assertThat(deliveries.lost()).isZero();
    }
}
