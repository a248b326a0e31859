package dev.herald.server.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.core.HistoryPage;
import dev.herald.core.Position;
import dev.herald.core.StoredUpdate;
import dev.herald.core.Update;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The replay/live seam on its own: positions in, decisions out, every held reference given back. */
class ReplaySeamTest {

    private static final String TOPIC = "https://example.com/books/1";
    private static final int BUDGET = 100;

    private final ReplaySeam<FakeLive> seam = new ReplaySeam<>(BUDGET);

    @Test
    void aLiveStreamWritesUpdatesAfterTheWatermark() {
        FakeLive live = new FakeLive(1, 10);

        assertThat(seam.offer(live)).isEqualTo(ReplaySeam.Offer.WRITE);
    }

    @Test
    void aLiveStreamDropsAnUpdateAtOrBeforeTheWatermark() {
        seam.written(new Position(5));

        assertThat(seam.offer(new FakeLive(5, 10))).as("position 5 was already written")
                .isEqualTo(ReplaySeam.Offer.COVERED);
    }

    @Test
    void aLiveUpdateArrivingDuringTheHistoryReadIsHeldAndFollowsTheHistory() {
        seam.hold();
        FakeLive live = new FakeLive(4, 10);

        assertThat(seam.offer(live)).isEqualTo(ReplaySeam.Offer.HELD);
        seam.pageArrived(page(3, 3, 1, 2, 3));
        List<Long> written = writeAll();

        assertThat(written).as("the history is written first").containsExactly(1L, 2L, 3L);
        assertThat(seam.complete()).isTrue();
        assertThat(seam.goLive()).as("then the live update newer than the history").containsExactly(live);
        assertThat(seam.replaying()).isFalse();
    }

    @Test
    void aHeldLiveUpdateTheHistoryCoversIsDroppedAndReleasedAtTheSeam() {
        seam.hold();
        FakeLive covered = new FakeLive(2, 10);
        seam.offer(covered);
        seam.pageArrived(page(3, 3, 1, 2, 3));
        writeAll();

        List<FakeLive> live = seam.goLive();

        assertThat(live).as("position 2 was part of the history").isEmpty();
        assertThat(covered.references).as("the seam gave back the reference it took").isEqualTo(1);
    }

    @Test
    void aLateLiveDeliveryAtOrBeforeTheHeadIsDroppedAfterGoingLive() {
        seam.hold();
        seam.pageArrived(page(3, 3, 1));
        writeAll();
        seam.goLive();

        assertThat(seam.offer(new FakeLive(3, 10))).as("the head covers position 3 though it was filtered out")
                .isEqualTo(ReplaySeam.Offer.COVERED);
    }

    @Test
    void holdingPastTheBudgetReleasesEverythingHeldAndAsksToClose() {
        seam.hold();
        FakeLive first = new FakeLive(1, 60);
        FakeLive second = new FakeLive(2, 60);
        seam.offer(first);

        ReplaySeam.Offer offer = seam.offer(second);

        assertThat(offer).as("120 bytes would pass the 100-byte budget").isEqualTo(ReplaySeam.Offer.OVER_BUDGET);
        assertThat(first.references).as("the held update is released").isEqualTo(1);
        assertThat(second.references).as("the refused update was never retained").isEqualTo(1);
        assertThat(seam.heldBytes()).isZero();
    }

    @Test
    void theNextPageIsAskedForAsSoonAsThePageIsTakenForWriting() {
        seam.hold();
        HistoryPage first = page(6, 3, 1, 2, 3);
        seam.pageArrived(first);

        assertThat(seam.nextPageToRequest()).as("the page waits to be written: nothing to read ahead yet").isNull();
        seam.takePage();
        assertThat(seam.nextPageToRequest()).as("the taken page is where the next one starts").isSameAs(first);
    }

    @Test
    void aPageIsAskedForOnceWhileItIsInFlight() {
        seam.hold();
        seam.pageArrived(page(6, 3, 1, 2, 3));
        writeAll();
        seam.nextPageToRequest();

        assertThat(seam.nextPageToRequest()).as("one page in flight at a time").isNull();
        assertThat(seam.complete()).isFalse();
    }

    @Test
    void noPageIsAskedForWhileAReadAheadPageWaits() {
        seam.hold();
        HistoryPage first = page(9, 3, 1, 2, 3);
        seam.pageArrived(first);
        seam.takePage();
        seam.pageArrived(first.next(List.of(stored(4), stored(5), stored(6)), new Position(6)));

        assertThat(seam.nextPageToRequest())
                .as("one page written and one waiting: a third is read only once the waiting one is taken").isNull();
        assertThat(seam.pageWaiting()).isTrue();
    }

    @Test
    void thePageWaitingIsTakenWholeAndOnce() {
        seam.hold();
        HistoryPage first = page(3, 3, 1, 2, 3);
        seam.pageArrived(first);

        assertThat(seam.takePage()).isSameAs(first);
        assertThat(seam.takePage()).as("taken once").isNull();
    }

    @Test
    void theReplayContinuesAcrossAPageBoundaryAndCompletesOnTheLastPage() {
        seam.hold();
        HistoryPage first = page(6, 3, 1, 2, 3);
        seam.pageArrived(first);
        List<Long> written = new ArrayList<>(writeAll());
        seam.nextPageToRequest();

        seam.pageArrived(first.next(List.of(stored(4), stored(5), stored(6)), new Position(6)));
        assertThat(seam.complete()).as("the last page arrived but is not written yet").isFalse();
        written.addAll(writeAll());

        assertThat(written).as("both pages, in order, once").containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(seam.complete()).as("the second page reaches the head").isTrue();
    }

    @Test
    void closingWithAPageWaitingReleasesEverythingHeldAndForgetsThePage() {
        seam.hold();
        FakeLive a = new FakeLive(7, 10);
        FakeLive b = new FakeLive(8, 10);
        seam.offer(a);
        seam.offer(b);
        seam.pageArrived(page(6, 3, 1, 2, 3));

        seam.release();

        assertThat(List.of(a.references, b.references)).as("every held reference is given back")
                .containsExactly(1, 1);
        assertThat(seam.takePage()).as("the waiting page is forgotten").isNull();
        assertThat(seam.replaying()).isFalse();
    }

    // --- Fixtures ----------------------------------------------------------------------------------

    /** Takes the waiting page and writes it as a stream does: the watermark moves past each update. */
    private List<Long> writeAll() {
        List<Long> written = new ArrayList<>();
        HistoryPage page = seam.takePage();
        if (page != null) {
            for (StoredUpdate next : page.updates()) {
                seam.written(next.position());
                written.add(next.position().sequence());
            }
        }
        return written;
    }

    /** A page of a replay with this head, ending at {@code end}. */
    private static HistoryPage page(long head, long end, long... positions) {
        List<StoredUpdate> updates = new ArrayList<>();
        for (long position : positions) {
            updates.add(stored(position));
        }
        return new HistoryPage("earliest", new Position(head), updates, new Position(end));
    }

    private static StoredUpdate stored(long position) {
        return new StoredUpdate(new Position(position), Update.of(TOPIC, "update " + position).withId("id-" + position));
    }

    /** A live update that counts its references; starts with the one its dispatcher holds. */
    private static final class FakeLive implements ReplaySeam.Live {
        private final Position position;
        private final int bytes;
        int references = 1;

        FakeLive(long position, int bytes) {
            this.position = new Position(position);
            this.bytes = bytes;
        }

        @Override
        public Position position() {
            return position;
        }

        @Override
        public int frameBytes() {
            return bytes;
        }

        @Override
        public FakeLive retain() {
            references++;
            return this;
        }

        @Override
        public boolean release() {
            references--;
            return references == 0;
        }
    }
}
