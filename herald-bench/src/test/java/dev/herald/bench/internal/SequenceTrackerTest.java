package dev.herald.bench.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SequenceTrackerTest {

    private final SequenceTracker tracker = new SequenceTracker();

    @Test
    void countsInOrderArrivalsAsUniqueWithoutGaps() {
        for (long seq = 0; seq < 10; seq++) {
            assertThat(tracker.record(seq)).isTrue();
        }

        assertThat(tracker.unique()).isEqualTo(10);
        assertThat(tracker.gaps()).isZero();
        assertThat(tracker.duplicates()).isZero();
    }

    @Test
    void countsARepeatedNumberAsADuplicate() {
        tracker.record(0);
        tracker.record(1);

        assertThat(tracker.record(1)).isFalse();
        assertThat(tracker.duplicates()).isEqualTo(1);
        assertThat(tracker.unique()).isEqualTo(2);
    }

    @Test
    void countsASkippedNumberAsAGapUntilItArrives() {
        tracker.record(0);
        tracker.record(2);
        assertThat(tracker.gaps()).isEqualTo(1);

        assertThat(tracker.record(1)).as("a late arrival is new").isTrue();

        assertThat(tracker.gaps()).isZero();
        assertThat(tracker.reordered()).isEqualTo(1);
        assertThat(tracker.unique()).isEqualTo(3);
    }

    @Test
    void tellsDuplicatesFromLateArrivalsAfterAHole() {
        tracker.record(0);
        tracker.record(3);
        tracker.record(1);

        assertThat(tracker.record(1)).isFalse();
        assertThat(tracker.record(3)).isFalse();
        assertThat(tracker.record(0)).isFalse();
        assertThat(tracker.duplicates()).isEqualTo(3);
        assertThat(tracker.gaps()).as("2 never arrived").isEqualTo(1);
    }

    @Test
    void anArrivalOlderThanTheWindowIsNeitherUniqueNorDuplicate() {
        tracker.record(1);
        tracker.record(1 + SequenceTracker.WINDOW);

        assertThat(tracker.record(0)).isFalse();
        assertThat(tracker.tooOld()).isEqualTo(1);
        assertThat(tracker.duplicates()).isZero();
    }

    @Test
    void aMissingFirstNumberIsAGap() {
        tracker.record(1);

        assertThat(tracker.gaps()).isEqualTo(1);
    }
}
