package dev.herald.bench.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.BitSet;
import org.junit.jupiter.api.Test;

/** What one subscriber of a chaos run counts: arrivals, duplicates, order and resumes. */
class ChaosSubscriberTest {

    private final ChaosSubscriber subscriber = new ChaosSubscriber(0, 0, 0);

    @Test
    void anUpdateThatArrivesAgainOnAnExactResumeIsADuplicate() {
        subscriber.opened(false, null);
        subscriber.event(0, "urn:uuid:a0");
        subscriber.opened(true, "urn:uuid:a0");
        subscriber.event(0, "urn:uuid:a1");

        assertThat(subscriber.tally()).extracting(ChaosSubscriber.Tally::unique, ChaosSubscriber.Tally::duplicates,
                ChaosSubscriber.Tally::exactResumes).containsExactly(1L, 1L, 1);
    }

    @Test
    void anUpdateSentAgainAfterAnEarliestResumeIsCountedApartAndTheOrderStartsOver() {
        subscriber.opened(false, null);
        subscriber.event(0, "urn:uuid:a5");
        subscriber.opened(true, "earliest");
        subscriber.event(0, "urn:uuid:a1");
        subscriber.event(1, "urn:uuid:a2");

        ChaosSubscriber.Tally tally = subscriber.tally();
        assertThat(tally.duplicates()).as("the hub said it could not resume exactly").isZero();
        assertThat(tally.resentAfterEarliest()).isEqualTo(1);
        assertThat(tally.outOfOrder()).as("an earliest replay starts its own order").isZero();
        assertThat(tally.earliestResumes()).isEqualTo(1);
    }

    @Test
    void anEventWhoseIdDoesNotSortAfterThePreviousOneIsOutOfOrder() {
        subscriber.opened(false, null);
        subscriber.event(0, "urn:uuid:a2");
        subscriber.event(1, "urn:uuid:a1");

        assertThat(subscriber.tally().outOfOrder()).isEqualTo(1);
    }

    @Test
    void hasAllOnlyWhenEveryAcknowledgedNumberArrived() {
        BitSet acked = new BitSet();
        acked.set(0);
        acked.set(2);
        subscriber.event(0, "urn:uuid:a0");
        subscriber.event(1, "urn:uuid:a1");

        assertThat(subscriber.hasAll(acked)).isFalse();
        assertThat(subscriber.countOf(acked)).isEqualTo(1);
        subscriber.event(2, "urn:uuid:a2");
        assertThat(subscriber.hasAll(acked)).isTrue();
    }
}
