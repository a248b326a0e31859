package dev.herald.server.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.core.Position;
import dev.herald.core.StoredUpdate;
import dev.herald.core.Subscription;
import dev.herald.core.TopicSelector;
import dev.herald.core.Update;
import dev.herald.core.sse.SseEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.concurrent.MockTicker;
import io.netty.util.concurrent.Ticker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * One event loop's subscribers on {@link EmbeddedChannel}s, all on the loop of a first channel: a stream
 * that closes while an update or a heartbeat is being handed to every stream must not cost the others
 * anything. Twenty closing streams among twenty honest ones: whatever order the sets walk them in, some
 * honest stream comes after a closing one.
 */
class LoopDispatcherTest {

    private static final String TOPIC = "https://example.com/prices";
    private static final int STREAMS_OF_EACH_KIND = 20;
    private static final Duration HEARTBEAT = Duration.ofSeconds(15);
    private static final SharedFrame HEARTBEAT_FRAME = SharedFrame.of(SseEncoder.heartbeat());

    private final MockTicker clock = Ticker.newMockTicker();
    private final EmbeddedChannel loopOwner = EmbeddedChannel.builder().ticker(clock).build();
    private final LoopDispatcher dispatcher = new LoopDispatcher(loopOwner.eventLoop(), HEARTBEAT_FRAME, HEARTBEAT,
            StreamMetrics.NONE, new SelectorCounts());
    private final List<EmbeddedChannel> channels = new ArrayList<>();
    private final Map<EmbeddedChannel, SseSubscriber> subscribers = new HashMap<>();

    @AfterEach
    void closeChannels() {
        channels.forEach(EmbeddedChannel::finishAndReleaseAll);
        loopOwner.finishAndReleaseAll();
    }

    @Test
    void aStreamCutAsASlowConsumerByAnUpdateDoesNotCostTheOtherStreamsThatUpdate() {
        List<EmbeddedChannel> honest = streams(STREAMS_OF_EACH_KIND, 64 * 1024, false);
        // Still waiting for their history: they hold live updates, and one 1 KiB update is over their budget.
        List<SseSubscriber> replaying = subscribers(streams(STREAMS_OF_EACH_KIND, 512, true));
        replaying.forEach(SseSubscriber::holdLiveUpdates);

        publish(1, 2, 3);

        assertThat(replaying).as("each replaying stream went over its budget and was cut")
                .allSatisfy(subscriber -> assertThat(subscriber.closeReason()).isEqualTo(CloseReason.SLOW_CONSUMER));
        assertThat(honest).as("every honest stream got every update, in order, cut streams or not")
                .allSatisfy(channel -> assertThat(writtenIds(channel)).containsExactly("id-1", "id-2", "id-3"));
        assertThat(dispatcher.subscriberCount()).as("the cut streams left once the delivery was over")
                .isEqualTo(STREAMS_OF_EACH_KIND);
    }

    @Test
    void aStreamCutByItsHeartbeatDoesNotStopTheHeartbeatOfTheOthers() {
        List<EmbeddedChannel> honest = streams(STREAMS_OF_EACH_KIND, 64 * 1024, false);
        // Not reading, with a budget smaller than the heartbeat: the heartbeat's flush cuts them.
        List<SseSubscriber> stuck = subscribers(streams(STREAMS_OF_EACH_KIND, 1, true));

        beat();
        beat();

        assertThat(stuck).as("each stream that does not read was cut by its heartbeat")
                .allSatisfy(subscriber -> assertThat(subscriber.closeReason()).isEqualTo(CloseReason.SLOW_CONSUMER));
        assertThat(honest).as("every honest stream got both heartbeats: the first walk finished and the timer lives on")
                .allSatisfy(channel -> assertThat(writtenText(channel)).isEqualTo(":\n\n:\n\n"));
        assertThat(dispatcher.subscriberCount()).isEqualTo(STREAMS_OF_EACH_KIND);
    }

    // --- Fixtures ----------------------------------------------------------------------------------

    /** Opens streams of the topic registered with the dispatcher; a closed one unregisters, as in StreamOpener. */
    private List<EmbeddedChannel> streams(int count, int maxPendingBytes, boolean clientReads) {
        List<EmbeddedChannel> opened = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            EmbeddedChannel channel = new EmbeddedChannel();
            SseSubscriber subscriber = dispatcher.newSubscriber(channel,
                    Subscription.anonymous(List.of(TopicSelector.parse(TOPIC))), update -> true, maxPendingBytes);
            channel.pipeline().addLast("stream", new StreamHandler(subscriber));
            subscribers.put(channel, subscriber);
            if (clientReads) {
                stopReading(channel);
            }
            subscriber.headersSent();
            channel.closeFuture().addListener(closed -> {
                dispatcher.unregister(subscriber);
                subscriber.closed();
            });
            dispatcher.register(subscriber);
            opened.add(channel);
            channels.add(channel);
        }
        return opened;
    }

    private List<SseSubscriber> subscribers(List<EmbeddedChannel> streams) {
        return streams.stream().map(subscribers::get).toList();
    }

    /** A client that does not read: flushes stop here, so written bytes stay pending. */
    private static void stopReading(EmbeddedChannel channel) {
        channel.pipeline().addFirst("client-not-reading", new ChannelOutboundHandlerAdapter() {
            @Override
            public void flush(ChannelHandlerContext ctx) {
                // swallowed
            }
        });
    }

    private void publish(long... positions) {
        List<EncodedUpdate> updates = new ArrayList<>();
        for (long position : positions) {
            Update update = Update.of(TOPIC, "x".repeat(1024)).withId("id-" + position);
            updates.add(EncodedUpdate.encode(new StoredUpdate(new Position(position), update), ByteBufAllocator.DEFAULT));
        }
        dispatcher.offer(updates);
        updates.forEach(EncodedUpdate::release);
        loopOwner.runPendingTasks();
    }

    private void beat() {
        clock.advance(HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
        loopOwner.runScheduledPendingTasks();
    }

    private static List<String> writtenIds(EmbeddedChannel channel) {
        List<String> ids = new ArrayList<>();
        for (String line : writtenText(channel).split("\n")) {
            if (line.startsWith("id: ")) {
                ids.add(line.substring("id: ".length()));
            }
        }
        return ids;
    }

    /** The event stream the channel wrote so far (its HTTP/1.1 chunks unwrapped), released as it is read. */
    private static String writtenText(EmbeddedChannel channel) {
        StringBuilder text = new StringBuilder();
        Object message;
        while ((message = channel.readOutbound()) != null) {
            ByteBuf bytes = (ByteBuf) message;
            text.append(unchunked(bytes.toString(StandardCharsets.UTF_8)));
            bytes.release();
        }
        return text.toString();
    }

    /** The data of {@code <hex size>CRLF<data>CRLF} chunks. */
    private static String unchunked(String chunks) {
        StringBuilder data = new StringBuilder();
        int at = 0;
        while (at < chunks.length()) {
            int sizeEnd = chunks.indexOf("\r\n", at);
            int size = Integer.parseInt(chunks.substring(at, sizeEnd), 16);
            data.append(chunks, sizeEnd + 2, sizeEnd + 2 + size);
            at = sizeEnd + 2 + size + 2;
        }
        return data.toString();
    }
}
