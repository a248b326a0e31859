package dev.herald.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The {@link Transport} contract, one test per clause of its javadoc. Every implementation extends this
 * class once (shipped in herald-core's test-jar) and supplies {@link #newTransport}; nothing here may
 * assume that delivery happens on the appending thread, so deliveries are awaited with a bound.
 */
public abstract class TransportContract {

    /** Big enough that no test below evicts anything unless it asks for a smaller capacity. */
    protected static final int CAPACITY = 100;
    /** Only reached when a test is failing: an acknowledgement normally takes microseconds to millis. */
    protected static final Duration ACK_WAIT = Duration.ofSeconds(10);

    private static final String TOPIC = "https://example.com/books/1";
    private static final String RARE_TOPIC = "https://example.com/rare";
    private static final int PUBLISHER_THREADS = 8;
    private static final int APPENDS_PER_THREAD = 250;

    /** Receives what the transport under test delivers. */
    protected final RecordingListener delivered = new RecordingListener();
    private Transport transport;

    /** A new, empty, not yet started transport that retains the newest {@code historyCapacity} updates. */
    protected abstract Transport newTransport(int historyCapacity);

    @AfterEach
    protected final void closeTransport() {
        if (transport != null) {
            transport.close();
        }
    }

    // --- Ids ---------------------------------------------------------------------------------------

    @Test
    void appendAssignsAnIdWhenTheUpdateHasNone() {
        StoredUpdate stored = append(update("x"));

        assertThat(stored.id()).as("the transport gives an update without id one").isNotBlank();
    }

    @Test
    void appendKeepsThePublisherSuppliedId() {
        StoredUpdate stored = append(update("x").withId("publisher-id"));

        assertThat(stored.id()).isEqualTo("publisher-id");
    }

    @Test
    void appendStoresTheUpdateAsPublishedApartFromItsId() {
        Update published = new Update(null, List.of(TOPIC, "https://example.com/alt"), "x", true, "T", 1000L);

        StoredUpdate stored = append(published);

        assertThat(stored.update()).isEqualTo(published.withId(stored.id()));
    }

    @Test
    void generatedIdsIncreaseInPositionOrder() {
        List<StoredUpdate> acked = appendMany(20);

        List<String> ids = acked.stream().map(StoredUpdate::id).toList();
        assertThat(ids).as("generated ids sort in append order").isSortedAccordingTo(String::compareTo)
                .doesNotHaveDuplicates();
    }

    // --- Order -------------------------------------------------------------------------------------

    @Test
    void positionsStrictlyIncrease() {
        List<StoredUpdate> acked = appendMany(20);

        for (int i = 1; i < acked.size(); i++) {
            assertThat(acked.get(i).position())
                    .as("update %d is positioned after update %d", i, i - 1)
                    .isGreaterThan(acked.get(i - 1).position());
        }
    }

    // --- Delivery ----------------------------------------------------------------------------------

    @Test
    void listenerReceivesEveryUpdateOnceInPositionOrder() {
        List<StoredUpdate> acked = appendMany(20);

        assertThat(delivered.awaitCount(acked.size()))
                .as("the listener receives exactly what was acknowledged, in that order")
                .containsExactlyElementsOf(acked);
    }

    @Test
    void concurrentlyAppendedUpdatesAreEachDeliveredExactlyOnce() throws Exception {
        List<StoredUpdate> acked = appendConcurrently();

        List<StoredUpdate> received = delivered.awaitCount(acked.size());

        assertThat(received).as("every acknowledged update is delivered exactly once")
                .containsExactlyInAnyOrderElementsOf(acked);
    }

    @Test
    void concurrentlyAppendedUpdatesAreDeliveredInPositionOrder() throws Exception {
        List<StoredUpdate> acked = appendConcurrently();

        List<Position> positions = delivered.awaitCount(acked.size()).stream()
                .map(StoredUpdate::position).toList();

        assertThat(positions).as("deliveries follow the one total order").isSorted().doesNotHaveDuplicates();
    }

    @Test
    void listenerIsNeverCalledConcurrently() throws Exception {
        List<StoredUpdate> acked = appendConcurrently();

        delivered.awaitCount(acked.size());

        assertThat(delivered.overlappingCalls()).as("calls that overlapped another call").isZero();
    }

    // --- History -----------------------------------------------------------------------------------

    @Test
    void emptyTransportHasNoHistoryAndHeadNone() {
        start(CAPACITY);

        History history = readAfter(LastEventId.earliest());

        assertThat(history.updates()).isEmpty();
        assertThat(history.head()).isEqualTo(Position.NONE);
    }

    @Test
    void replaysOnlyUpdatesAfterLastEventId() {
        List<StoredUpdate> acked = appendMany(5);

        History history = readAfter(new LastEventId(acked.get(1).id()));

        assertThat(history.updates()).containsExactlyElementsOf(acked.subList(2, 5));
    }

    @Test
    void historySaysItResumedFromTheRequestedRetainedId() {
        List<StoredUpdate> acked = appendMany(5);
        String requested = acked.get(1).id();

        History history = readAfter(new LastEventId(requested));

        assertThat(history.resumedFrom()).isEqualTo(requested);
        assertThat(history.fromEarliest()).as("a retained id is not answered from earliest").isFalse();
    }

    @Test
    void historyHeadIsTheNewestPosition() {
        List<StoredUpdate> acked = appendMany(5);

        History history = readAfter(new LastEventId(acked.get(1).id()));

        assertThat(history.head()).isEqualTo(acked.get(4).position());
    }

    @Test
    void replayAfterTheNewestUpdateIsEmpty() {
        List<StoredUpdate> acked = appendMany(5);
        String newest = acked.get(4).id();

        History history = readAfter(new LastEventId(newest));

        assertThat(history.updates()).isEmpty();
        assertThat(history.resumedFrom()).isEqualTo(newest);
    }

    @Test
    void earliestReplaysEveryRetainedUpdate() {
        List<StoredUpdate> acked = appendMany(5);

        History history = readAfter(LastEventId.earliest());

        assertThat(history.updates()).containsExactlyElementsOf(acked);
        assertThat(history.resumedFrom()).isEqualTo(LastEventId.EARLIEST);
    }

    @Test
    void unknownIdReplaysEveryRetainedUpdateAndSaysSo() {
        List<StoredUpdate> acked = appendMany(5);

        History history = readAfter(new LastEventId("never-published"));

        assertThat(history.updates()).containsExactlyElementsOf(acked);
        assertThat(history.fromEarliest()).as("the client is told it may have missed updates").isTrue();
    }

    // --- Pages -------------------------------------------------------------------------------------

    @Test
    void pageHoldsAtMostMaxUpdates() {
        List<StoredUpdate> acked = appendMany(5);

        HistoryPage page = firstPage(LastEventId.earliest(), pages(2, Integer.MAX_VALUE));

        assertThat(page.updates()).as("a page of two holds the two oldest").containsExactlyElementsOf(acked.subList(0, 2));
        assertThat(page.last()).as("three more updates follow this page").isFalse();
    }

    @Test
    void pageHoldsAtMostMaxBytesOfData() {
        List<StoredUpdate> acked = appendMany(5);
        long twoUpdates = PageRequest.sizeOf(acked.get(0).update()) + PageRequest.sizeOf(acked.get(1).update());

        HistoryPage page = firstPage(LastEventId.earliest(), pages(100, (int) twoUpdates + 1));

        assertThat(page.updates()).as("a third update would pass the page's bytes")
                .containsExactlyElementsOf(acked.subList(0, 2));
    }

    @Test
    void pageAlwaysHoldsItsFirstUpdateEvenWhenItIsBiggerThanMaxBytes() {
        List<StoredUpdate> acked = appendMany(2);

        HistoryPage page = firstPage(LastEventId.earliest(), pages(100, 1));

        assertThat(page.updates()).as("a large update must not stall the replay").containsExactly(acked.get(0));
    }

    @Test
    void nextPageContinuesAfterThePreviousOne() {
        List<StoredUpdate> acked = appendMany(5);
        PageRequest request = pages(2, Integer.MAX_VALUE);
        HistoryPage first = firstPage(LastEventId.earliest(), request);

        HistoryPage second = Acks.result(transport.readNext(first, request));

        assertThat(second.updates()).as("the second page starts where the first ended")
                .containsExactlyElementsOf(acked.subList(2, 4));
        assertThat(second.head()).as("one replay, one head").isEqualTo(first.head());
        assertThat(second.resumedFrom()).isEqualTo(first.resumedFrom());
    }

    @Test
    void pageEndingExactlyAtTheHeadIsTheLast() {
        List<StoredUpdate> acked = appendMany(4);
        PageRequest request = pages(2, Integer.MAX_VALUE);
        HistoryPage first = firstPage(LastEventId.earliest(), request);

        HistoryPage second = Acks.result(transport.readNext(first, request));

        assertThat(second.updates()).containsExactlyElementsOf(acked.subList(2, 4));
        assertThat(second.last()).as("a page that reaches the head ends the replay").isTrue();
    }

    @Test
    void updatesAppendedAfterTheFirstPageAreNotPartOfTheReplay() {
        List<StoredUpdate> acked = appendMany(3);
        PageRequest request = pages(2, Integer.MAX_VALUE);
        HistoryPage first = firstPage(LastEventId.earliest(), request);
        append(update("live"));

        HistoryPage second = Acks.result(transport.readNext(first, request));

        assertThat(second.updates()).as("updates after the head arrive live, not in the replay")
                .containsExactly(acked.get(2));
        assertThat(second.last()).isTrue();
    }

    @Test
    void topicFilteredReplayHoldsOnlyUpdatesOfThoseTopics() {
        start(CAPACITY);
        List<StoredUpdate> rare = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            append(update("common " + i));
            if (i % 4 == 0) {
                rare.add(append(new Update(null, List.of("https://example.com/other", RARE_TOPIC), "rare " + i,
                        false, null, null)));
            }
        }

        List<StoredUpdate> replayed = readAll(LastEventId.earliest(),
                pages(2, Integer.MAX_VALUE).onlyTopics(Set.of(RARE_TOPIC)));

        assertThat(replayed).as("a filtered replay holds the updates with that topic, all of them")
                .containsExactlyElementsOf(rare);
    }

    @Test
    void nextPageAfterRetentionRemovedItsUpdatesFailsAsOvertaken() {
        start(3);
        appendMany(3);
        PageRequest request = pages(1, Integer.MAX_VALUE);
        HistoryPage first = firstPage(LastEventId.earliest(), request);
        appendMany(3);

        CompletableFuture<HistoryPage> next = transport.readNext(first, request);

        assertThat(next).as("a gap is said, never skipped silently").failsWithin(ACK_WAIT)
                .withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .withCauseInstanceOf(HistoryOvertakenException.class);
    }

    // --- Retention ---------------------------------------------------------------------------------

    @Test
    void retainsOnlyTheNewestCapacityUpdates() {
        start(3);
        List<StoredUpdate> acked = appendMany(5);

        History history = readAfter(LastEventId.earliest());

        assertThat(history.updates()).containsExactlyElementsOf(acked.subList(2, 5));
        assertThat(history.head()).isEqualTo(acked.get(4).position());
    }

    @Test
    void evictedIdAnswersFromEarliest() {
        start(3);
        List<StoredUpdate> acked = appendMany(5);

        History history = readAfter(new LastEventId(acked.get(0).id()));

        assertThat(history.fromEarliest()).as("an evicted id is answered from earliest").isTrue();
        assertThat(history.updates()).containsExactlyElementsOf(acked.subList(2, 5));
    }

    @Test
    void duplicateIdResumesAfterItsEarliestRetainedOccurrence() {
        start(CAPACITY);
        append(update("first").withId("dup"));
        StoredUpdate a = append(update("a"));
        StoredUpdate second = append(update("second").withId("dup"));
        StoredUpdate b = append(update("b"));

        History history = readAfter(new LastEventId("dup"));

        assertThat(history.updates()).containsExactly(a, second, b);
        assertThat(history.resumedFrom()).isEqualTo("dup");
    }

    @Test
    void duplicateIdWhoseEarliestOccurrenceWasEvictedResumesAfterTheNextOne() {
        start(3);
        append(update("first").withId("dup"));
        append(update("a"));
        append(update("second").withId("dup"));
        StoredUpdate b = append(update("b"));

        History history = readAfter(new LastEventId("dup"));

        assertThat(history.updates()).as("the replay starts after the retained occurrence").containsExactly(b);
        assertThat(history.resumedFrom()).isEqualTo("dup");
    }

    // --- Close -------------------------------------------------------------------------------------

    @Test
    void appendAfterCloseCompletesExceptionally() {
        start(CAPACITY).close();

        CompletableFuture<StoredUpdate> appended = transport.append(update("late"));

        assertThat(appended).failsWithin(ACK_WAIT);
    }

    @Test
    void updateRefusedAfterCloseIsNeverDelivered() {
        StoredUpdate before = append(update("before"));
        delivered.awaitCount(1);
        transport.close();

        assertThat(transport.append(update("late"))).failsWithin(ACK_WAIT);

        assertThat(delivered.updates()).containsExactly(before);
    }

    @Test
    void closingTwiceIsHarmless() {
        Transport started = start(CAPACITY);
        started.close();

        assertThatCode(started::close).doesNotThrowAnyException();
    }

    // --- Fixtures ----------------------------------------------------------------------------------

    /** Creates the transport under test (closed after the test) and starts it with {@link #delivered}. */
    protected final Transport start(int historyCapacity) {
        transport = newTransport(historyCapacity);
        transport.start(delivered);
        return transport;
    }

    /** Appends to the started transport (starting one of {@link #CAPACITY} if none) and waits for the ack. */
    protected final StoredUpdate append(Update update) {
        if (transport == null) {
            start(CAPACITY);
        }
        return Acks.result(transport.append(update));
    }

    protected final History readAfter(LastEventId lastEventId) {
        return Acks.result(History.readAfter(transport, lastEventId));
    }

    private HistoryPage firstPage(LastEventId lastEventId, PageRequest request) {
        return Acks.result(transport.readAfter(lastEventId, request));
    }

    /** Every update of the replay, page by page, checking that each page stays within the request. */
    private List<StoredUpdate> readAll(LastEventId lastEventId, PageRequest request) {
        List<StoredUpdate> replayed = new ArrayList<>();
        HistoryPage page = firstPage(lastEventId, request);
        replayed.addAll(page.updates());
        while (!page.last()) {
            page = Acks.result(transport.readNext(page, request));
            assertThat(page.updates().size()).as("a page holds at most its request's updates")
                    .isLessThanOrEqualTo(request.maxUpdates());
            replayed.addAll(page.updates());
        }
        return replayed;
    }

    private static PageRequest pages(int maxUpdates, int maxBytes) {
        return new PageRequest(maxUpdates, maxBytes, Set.of());
    }

    protected static Update update(String data) {
        return Update.of(TOPIC, data);
    }

    private List<StoredUpdate> appendMany(int count) {
        List<StoredUpdate> acked = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            acked.add(append(update("update " + i)));
        }
        return acked;
    }

    /** Appends from several threads released at once; returns every acknowledged update. */
    private List<StoredUpdate> appendConcurrently() throws Exception {
        start(CAPACITY);
        ExecutorService publishers = Executors.newFixedThreadPool(PUBLISHER_THREADS);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<List<StoredUpdate>>> results = new ArrayList<>();
            for (int t = 0; t < PUBLISHER_THREADS; t++) {
                int thread = t;
                results.add(publishers.submit(() -> {
                    go.await();
                    List<CompletableFuture<StoredUpdate>> pending = new ArrayList<>();
                    for (int i = 0; i < APPENDS_PER_THREAD; i++) {
                        pending.add(transport.append(update("thread " + thread + " update " + i)));
                    }
                    return pending.stream().map(Acks::result).toList();
                }));
            }
            go.countDown();
            List<StoredUpdate> acked = new ArrayList<>();
            for (Future<List<StoredUpdate>> result : results) {
                acked.addAll(result.get(ACK_WAIT.toMillis(), TimeUnit.MILLISECONDS));
            }
            Set<Position> positions = new HashSet<>();
            acked.forEach(stored -> positions.add(stored.position()));
            assertThat(positions).as("each acknowledged update has its own position")
                    .hasSize(PUBLISHER_THREADS * APPENDS_PER_THREAD);
            return acked;
        } finally {
            publishers.shutdownNow();
        }
    }
}
