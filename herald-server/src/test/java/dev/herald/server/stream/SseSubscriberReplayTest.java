package dev.herald.server.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.core.HistoryOvertakenException;
import dev.herald.core.HistoryPage;
import dev.herald.core.Position;
import dev.herald.core.StoredUpdate;
import dev.herald.core.Subscription;
import dev.herald.core.TopicSelector;
import dev.herald.core.Update;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.concurrent.MockTicker;
import io.netty.util.concurrent.Ticker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A replaying stream on an {@link EmbeddedChannel}: what reaches the wire, in which order, paced by
 * writability, and that every buffer it made or held is given back. A client that does not read is a
 * handler that swallows flushes, so written bytes stay in the channel's outbound buffer.
 */
class SseSubscriberReplayTest {

    private static final String TOPIC = "https://example.com/books/1";
    private static final Duration STALL_TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern ID = Pattern.compile("^id: (.*)$", Pattern.MULTILINE);

    /** The loop's clock, moved by the tests: timers fire without anyone waiting. */
    private final MockTicker clock = Ticker.newMockTicker();
    private final EmbeddedChannel channel = EmbeddedChannel.builder().ticker(clock).build();
    private final SseSubscriber subscriber = new SseSubscriber(channel,
            Subscription.anonymous(List.of(TopicSelector.parse(TOPIC))), update -> true, 64 * 1024, new LongAdder());
    private final List<EncodedPage> encoded = new ArrayList<>();
    private final List<HistoryPage> pagesAskedAfter = new ArrayList<>();
    private final AtomicInteger slotsGivenBack = new AtomicInteger();
    private CompletableFuture<HistoryPage> nextPage = new CompletableFuture<>();

    SseSubscriberReplayTest() {
        channel.pipeline().addLast("stream", new StreamHandler(subscriber));
        subscriber.headersSent();
    }

    @AfterEach
    void closeChannel() {
        channel.finishAndReleaseAll();
    }

    @Test
    void theHistoryIsWrittenPageByPageThenTheLiveUpdatesHeldMeanwhile() {
        subscriber.holdLiveUpdates();
        EncodedUpdate live = live(7);
        subscriber.offer(live);
        HistoryPage first = page(6, 3, 1, 2, 3);
        nextPage = CompletableFuture.completedFuture(first.next(List.of(stored(4), stored(5), stored(6)),
                new Position(6)));

        subscriber.replay(first, plan());
        channel.runPendingTasks();

        assertThat(writtenIds()).as("both pages, then the live update newer than the history")
                .containsExactly("id-1", "id-2", "id-3", "id-4", "id-5", "id-6", "id-7");
        live.release();
    }

    @Test
    void eachPageLeavesAsOneChunk() {
        subscriber.holdLiveUpdates();
        HistoryPage first = page(6, 3, 1, 2, 3);
        nextPage = CompletableFuture.completedFuture(first.next(List.of(stored(4), stored(5), stored(6)),
                new Position(6)));

        subscriber.replay(first, plan());
        channel.runPendingTasks();

        List<String> chunks = writtenChunks();
        assertThat(chunks).as("two pages of three events, one chunk each").hasSize(2);
        assertThat(chunks.get(0)).as("a chunk is its size in hex, the events, CRLF").isEqualTo(
                "4b\r\nid: id-1\ndata: update 1\n\nid: id-2\ndata: update 2\n\nid: id-3\ndata: update 3\n\n\r\n");
    }

    @Test
    void theNextPageIsReadWhileTheClientTakesThisOne() {
        stopReading();
        subscriber.holdLiveUpdates();
        HistoryPage first = page(9, 3, 1, 2, 3);

        subscriber.replay(first, plan());
        channel.runPendingTasks();

        assertThat(pagesAskedAfter).as("the page is written to the channel, so the next is read ahead")
                .containsExactly(first);
        assertThat(channel.isWritable()).as("the outbound buffer is past its high-water mark").isFalse();
    }

    @Test
    void aClientThatDoesNotReadHoldsAtMostTwoPages() {
        stopReading();
        subscriber.holdLiveUpdates();
        HistoryPage first = page(9, 3, 1, 2, 3);
        nextPage = CompletableFuture.completedFuture(first.next(List.of(stored(4), stored(5), stored(6)),
                new Position(6)));

        subscriber.replay(first, plan());
        channel.runPendingTasks();

        assertThat(pagesAskedAfter).as("one page in the channel, one read ahead and waiting: no third")
                .containsExactly(first);
        assertThat(encoded).as("the waiting page is not encoded while the channel is not writable").hasSize(1);
    }

    @Test
    void theReplayGoesOnWhenTheClientReadsAgain() {
        stopReading();
        subscriber.holdLiveUpdates();
        HistoryPage first = page(9, 3, 1, 2, 3);
        HistoryPage second = first.next(List.of(stored(4), stored(5), stored(6)), new Position(6));
        nextPage = CompletableFuture.completedFuture(second);
        subscriber.replay(first, plan());
        channel.runPendingTasks();
        nextPage = new CompletableFuture<>();

        resumeReading();

        assertThat(pagesAskedAfter).as("the waiting page is written once the client reads, and the next read")
                .containsExactly(first, second);
        assertThat(writtenIds()).containsExactly("id-1", "id-2", "id-3", "id-4", "id-5", "id-6");
    }

    @Test
    void everyEncodedPageIsReleasedOnceWritten() {
        subscriber.holdLiveUpdates();

        subscriber.replay(page(3, 3, 1, 2, 3), plan());
        writtenIds();

        assertThat(encoded).as("one page, encoded once").hasSize(1)
                .allSatisfy(page -> assertThat(page.refCnt()).as("released after writing").isZero());
    }

    @Test
    void closingWhileAPageIsReadAheadReleasesThePageWrittenAndDropsTheOneArriving() {
        stopReading();
        subscriber.holdLiveUpdates();
        HistoryPage first = page(9, 3, 1, 2, 3);
        subscriber.replay(first, plan());

        subscriber.close(CloseReason.CLIENT_GONE);
        nextPage.complete(first.next(List.of(stored(4), stored(5), stored(6)), new Position(6)));
        channel.runPendingTasks();

        assertThat(encoded).as("only the page written before the close was encoded").hasSize(1)
                .allSatisfy(page -> assertThat(page.refCnt()).as("released with the channel").isZero());
        assertThat(slotsGivenBack).hasValue(1);
    }

    @Test
    void aPageWithNothingTheStreamMayReadIsSkippedAndTheReplayGoesOn() {
        subscriber.holdLiveUpdates();
        HistoryPage first = new HistoryPage("earliest", new Position(6),
                List.of(new StoredUpdate(new Position(1), Update.of("https://example.com/other", "x").withId("other"))),
                new Position(3));
        nextPage = CompletableFuture.completedFuture(first.next(List.of(stored(4)), new Position(6)));

        subscriber.replay(first, plan());
        channel.runPendingTasks();

        assertThat(writtenIds()).as("the foreign update is not written").containsExactly("id-4");
        assertThat(encoded).as("nothing is encoded for a page without a wanted update").hasSize(1);
    }

    @Test
    void closingMidReplayReleasesTheHeldLiveUpdatesAndGivesTheSlotBack() {
        stopReading();
        subscriber.holdLiveUpdates();
        EncodedUpdate live = live(9);
        subscriber.offer(live);
        subscriber.replay(page(6, 3, 1, 2, 3), plan());

        subscriber.close(CloseReason.CLIENT_GONE);

        assertThat(live.refCnt()).as("only the test's own reference is left").isEqualTo(1);
        assertThat(slotsGivenBack).as("the replay slot is given back once").hasValue(1);
        live.release();
    }

    @Test
    void aReplayThatWritesNothingForTheStallTimeoutIsClosed() {
        stopReading();
        subscriber.holdLiveUpdates();
        subscriber.replay(page(6, 3, 1, 2, 3), plan());

        clock.advance(STALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();

        assertThat(subscriber.closeReason()).isEqualTo(CloseReason.REPLAY_STALLED);
        assertThat(channel.isOpen()).as("a stalled replay is cut off").isFalse();
        assertThat(slotsGivenBack).hasValue(1);
    }

    @Test
    void aReplayOvertakenByRetentionEndsCleanlySoTheClientReconnects() {
        subscriber.holdLiveUpdates();
        nextPage = CompletableFuture.failedFuture(new HistoryOvertakenException(new Position(3)));

        subscriber.replay(page(6, 3, 1, 2, 3), plan());
        channel.runPendingTasks();

        assertThat(subscriber.closeReason()).isEqualTo(CloseReason.REPLAY_INTERRUPTED);
        assertThat(writtenText()).as("the response is completed with its last chunk").endsWith("0\r\n\r\n");
    }

    @Test
    void aStreamEndedCleanlyIsClosedAfterTheGraceEvenWhenItsClientDoesNotRead() {
        stopReading();

        subscriber.close(CloseReason.TOKEN_EXPIRED);
        boolean openBeforeGrace = channel.isOpen();
        clock.advance(SseSubscriber.FINAL_CHUNK_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();

        assertThat(openBeforeGrace).as("the client gets its chance to read the last chunk").isTrue();
        assertThat(channel.isOpen()).as("then the descriptor comes back").isFalse();
    }

    // --- Fixtures ----------------------------------------------------------------------------------

    private ReplayPlan plan() {
        return new ReplayPlan(previous -> {
            pagesAskedAfter.add(previous);
            return nextPage;
        }, (updates, wanted) -> {
            EncodedPage page = EncodedPage.encode(updates, wanted, channel.alloc());
            if (page != null) {
                encoded.add(page);
            }
            return page;
        }, STALL_TIMEOUT, slotsGivenBack::incrementAndGet);
    }

    /** The client stops reading: flushes stop here and the outbound buffer fills past a 2-byte mark. */
    private void stopReading() {
        channel.config().setWriteBufferWaterMark(new WriteBufferWaterMark(1, 2));
        channel.pipeline().addFirst("client-not-reading", new ChannelOutboundHandlerAdapter() {
            @Override
            public void flush(ChannelHandlerContext ctx) {
                // swallowed: nothing leaves the outbound buffer
            }
        });
    }

    private void resumeReading() {
        channel.pipeline().remove("client-not-reading");
        channel.flush();
        channel.runPendingTasks();
    }

    private List<String> writtenIds() {
        List<String> ids = new ArrayList<>();
        Matcher matcher = ID.matcher(writtenText());
        while (matcher.find()) {
            ids.add(matcher.group(1));
        }
        return ids;
    }

    /** Everything written so far, released as it is read. */
    private String writtenText() {
        return String.join("", writtenChunks());
    }

    /** Each buffer written so far, as text, released as it is read. */
    private List<String> writtenChunks() {
        List<String> chunks = new ArrayList<>();
        Object message;
        while ((message = channel.readOutbound()) != null) {
            ByteBuf bytes = (ByteBuf) message;
            chunks.add(bytes.toString(StandardCharsets.UTF_8));
            bytes.release();
        }
        return chunks;
    }

    private EncodedUpdate live(long position) {
        return EncodedUpdate.encode(stored(position), channel.alloc());
    }

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
}
