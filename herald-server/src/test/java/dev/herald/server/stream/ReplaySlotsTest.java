package dev.herald.server.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Replay slots: taken up to the maximum, then waited for in turn, in a queue of bounded length. */
class ReplaySlotsTest {

    private final ReplaySlots slots = new ReplaySlots(2, 2);
    private final List<String> granted = new ArrayList<>();
    private final List<ReplaySlots.Slot> grantedSlots = new ArrayList<>();

    @Test
    void slotsAreGivenAtOnceUpToTheMaximum() {
        ReplaySlots.Ticket first = request("a");
        ReplaySlots.Ticket second = request("b");

        assertThat(first.slot()).isNotNull();
        assertThat(second.slot()).isNotNull();
        assertThat(slots.inUse()).isEqualTo(2);
    }

    @Test
    void beyondTheMaximumAClientWaitsAndGetsTheNextSlotGivenBackInTurn() {
        ReplaySlots.Slot first = request("a").slot();
        request("b");
        ReplaySlots.Ticket c = request("c");
        request("d");

        first.run();

        assertThat(c.waiting()).as("c waited").isNotNull();
        assertThat(granted).as("the slot went to the first in line, not back to the pool").containsExactly("c");
        assertThat(slots.inUse()).isEqualTo(2);
        assertThat(slots.waitingCount()).isEqualTo(1);
    }

    @Test
    void aFullQueueRefuses() {
        request("a");
        request("b");
        request("c");
        request("d");

        assertThat(request("e").refused()).as("two run, two wait: the fifth is refused").isTrue();
    }

    @Test
    void aClientThatLeavesTheQueueIsSkippedAndItsPlaceFreed() {
        ReplaySlots.Slot first = request("a").slot();
        request("b");
        ReplaySlots.Ticket c = request("c");
        request("d");

        boolean left = c.waiting().cancel();
        first.run();

        assertThat(left).isTrue();
        assertThat(granted).containsExactly("d");
        assertThat(request("e").waiting()).as("room in the queue again").isNotNull();
    }

    @Test
    void aClientAlreadyGrantedCannotLeaveTheQueueAndMustGiveTheSlotBack() {
        ReplaySlots.Slot first = request("a").slot();
        request("b");
        ReplaySlots.Ticket c = request("c");
        first.run();

        assertThat(c.waiting().cancel()).as("too late: the slot is c's").isFalse();
        grantedSlots.get(0).run();
        assertThat(slots.inUse()).as("given back, with nobody waiting").isEqualTo(1);
    }

    @Test
    void aSlotGivenBackTwiceIsGivenBackOnce() {
        ReplaySlots.Slot first = request("a").slot();
        request("b");
        request("c");

        first.run();
        first.run();

        assertThat(granted).containsExactly("c");
        assertThat(slots.inUse()).isEqualTo(2);
    }

    private ReplaySlots.Ticket request(String name) {
        return slots.request(slot -> {
            granted.add(name);
            grantedSlots.add(slot);
        });
    }
}
