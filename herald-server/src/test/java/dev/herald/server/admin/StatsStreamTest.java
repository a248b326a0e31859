package dev.herald.server.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.server.http.HttpException;
import dev.herald.server.http.Responses;
import dev.herald.server.metrics.HeraldMetrics;
import dev.herald.server.metrics.StatsSampler;
import dev.herald.server.metrics.TopicRates;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.MockTicker;
import io.netty.util.concurrent.Ticker;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The dashboard's stats stream on {@link EmbeddedChannel}s sharing the loop of a first one, its timer
 * driven by a mock clock: a point per interval to every watcher, a timer only while someone watches,
 * a cap on watchers, and a watcher that does not read is cut.
 */
class StatsStreamTest {

    private static final int MAX_WATCHERS = 2;

    private final MockTicker clock = Ticker.newMockTicker();
    private final EmbeddedChannel loopOwner = EmbeddedChannel.builder().ticker(clock).build();
    private final TopicRates rates = new TopicRates();
    private final StatsStream stats = new StatsStream(
            new StatsSampler(new HeraldMetrics(), rates, n -> CompletableFuture.completedFuture(List.of())),
            rates, loopOwner.eventLoop(), MAX_WATCHERS);
    private final List<EmbeddedChannel> channels = new ArrayList<>();

    @AfterEach
    void closeChannels() {
        channels.forEach(EmbeddedChannel::finishAndReleaseAll);
        loopOwner.finishAndReleaseAll();
    }

    @Test
    void theTimerRunsOnlyWhileSomeoneWatches() {
        assertThat(stats.sampling()).as("nobody watches yet: no timer").isFalse();
        EmbeddedChannel first = watch();
        EmbeddedChannel second = watch();
        assertThat(stats.sampling()).as("a dashboard watches: the timer runs").isTrue();

        first.close();
        assertThat(stats.sampling()).as("one dashboard still watches").isTrue();
        second.close();

        assertThat(stats.sampling()).as("the last dashboard left: the timer is gone").isFalse();
        assertThat(stats.watchers()).isZero();
    }

    @Test
    void aWatcherGetsTheStreamHeadThenOnePointPerInterval() {
        EmbeddedChannel watcher = watch();
        HttpResponse head = watcher.readOutbound();
        assertThat(head.headers().get("Content-Type")).isEqualTo("text/event-stream; charset=utf-8");
        assertThat(written(watcher)).as("the preamble: a retry delay and a comment")
                .containsExactly("retry: 2000\n: herald stats\n\n");

        tick();
        tick();

        List<String> frames = written(watcher);
        assertThat(frames).as("two intervals, two events").hasSize(2);
        for (String frame : frames) {
            assertThat(frame).as("each point is one data line holding a JSON object, then a blank line")
                    .startsWith("data: {").endsWith("}\n\n");
            JsonNode point = json(frame.substring("data: ".length()));
            assertThat(point.get("publishedTotal").asLong()).as("nothing was published").isZero();
            assertThat(point.has("latencyMs")).isTrue();
        }
    }

    @Test
    void aWatcherBeyondTheCapIsRefusedWith503AndARetryAfter() {
        watch();
        watch();
        EmbeddedChannel third = channel();

        assertThatThrownBy(() -> stats.open(contextOf(third)))
                .isInstanceOfSatisfying(HttpException.class, refusal -> {
                    assertThat(refusal.status().code()).isEqualTo(503);
                    assertThat(refusal.retryAfterSeconds()).isEqualTo(5);
                });
        assertThat(stats.watchers()).as("the refused one is not counted").isEqualTo(MAX_WATCHERS);
    }

    @Test
    void aWatcherThatDoesNotReadIsDisconnectedAndTheOthersKeepTheirPoints() {
        EmbeddedChannel stuck = watch();
        EmbeddedChannel honest = watch();
        written(honest);
        // What a full socket looks like to the stream: more than the high-water mark waits.
        stuck.unsafe().outboundBuffer().setUserDefinedWritability(1, false);

        tick();

        assertThat(stuck.isOpen()).as("the stream that does not read was cut").isFalse();
        assertThat(written(honest)).as("the other watcher still got the point").hasSize(1);
        assertThat(stats.watchers()).isEqualTo(1);
    }

    /** A new connection on the shared loop that opened the stats stream. */
    private EmbeddedChannel watch() {
        EmbeddedChannel channel = channel();
        stats.open(contextOf(channel));
        loopOwner.runPendingTasks();
        return channel;
    }

    private EmbeddedChannel channel() {
        EmbeddedChannel channel = EmbeddedChannel.builder().ticker(clock).build();
        channel.pipeline().addLast("router", new ChannelInboundHandlerAdapter());
        channels.add(channel);
        return channel;
    }

    private static ChannelHandlerContext contextOf(EmbeddedChannel channel) {
        return channel.pipeline().context("router");
    }

    private void tick() {
        clock.advance(StatsStream.INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        loopOwner.runScheduledPendingTasks();
    }

    /** The SSE bytes written since the last call, one string per write; skips the response head. */
    private static List<String> written(EmbeddedChannel channel) {
        List<String> frames = new ArrayList<>();
        for (Object message = channel.readOutbound(); message != null; message = channel.readOutbound()) {
            if (message instanceof HttpContent content) {
                frames.add(content.content().toString(StandardCharsets.UTF_8));
            }
            ReferenceCountUtil.release(message);
        }
        return frames;
    }

    private static JsonNode json(String text) {
        try {
            return Responses.json().readTree(text);
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }
}
