package dev.herald.server.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.server.http.HttpException;
import dev.herald.server.http.Responses;
import dev.herald.server.metrics.StatsSampler;
import dev.herald.server.metrics.TopicRates;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dashboard's feed: a private, live-only SSE stream of one {@link StatsSampler} point a second,
 * served on the admin listener only. It never goes through the hub, so it is never stored, never
 * replayed and never reaches a subscriber of the public port, whatever its selectors and token.
 *
 * <p>It costs nothing while nobody watches: the sampling timer (and the per-topic rate counting)
 * starts with the first watcher and stops with the last. Bounded: at most {@code maxWatchers}
 * streams at once (more get 503), and a watcher that has not read what was sent (its connection is
 * unwritable: more than the 64 KiB high-water mark waits beyond the socket buffer, over a minute of
 * points) is disconnected, like any slow consumer; its page reconnects on its own.
 */
public final class StatsStream {

    /** A few operators with a tab each; every watcher costs a write a second. */
    public static final int DEFAULT_MAX_WATCHERS = 8;
    /** A point a second: what an operator's eye follows, and cheap to sample. */
    public static final Duration INTERVAL = Duration.ofSeconds(1);
    /** How long a page waits before reconnecting after the stream ends (EventSource's {@code retry}). */
    private static final byte[] PREAMBLE = "retry: 2000\n: herald stats\n\n".getBytes(StandardCharsets.US_ASCII);
    private static final Logger LOG = LoggerFactory.getLogger(StatsStream.class);

    private final StatsSampler sampler;
    private final TopicRates rates;
    private final EventExecutor timerLoop;
    private final int maxWatchers;
    private final Set<Channel> watchers = ConcurrentHashMap.newKeySet();
    /** Guarded by {@code this}: the timer exists exactly while someone watches. */
    private ScheduledFuture<?> timer;

    public StatsStream(StatsSampler sampler, TopicRates rates, EventExecutor timerLoop, int maxWatchers) {
        this.sampler = sampler;
        this.rates = rates;
        this.timerLoop = timerLoop;
        this.maxWatchers = maxWatchers;
    }

    /** Watchers connected now. */
    public int watchers() {
        return watchers.size();
    }

    /** True while the sampling timer runs. */
    public synchronized boolean sampling() {
        return timer != null;
    }

    /**
     * Answers {@code GET /dashboard/stats}: the stream's head, then a point a second until the client
     * leaves. Replaces the connection's HTTP handlers with one that discards input.
     *
     * @throws HttpException 503 when {@code maxWatchers} streams are open already
     */
    public void open(ChannelHandlerContext ctx) {
        Channel channel = ctx.channel();
        synchronized (this) {
            if (watchers.size() >= maxWatchers) {
                throw new HttpException(HttpResponseStatus.SERVICE_UNAVAILABLE,
                        "the dashboard's stats stream already has " + maxWatchers + " watchers", 5);
            }
            watchers.add(channel);
            if (timer == null) {
                rates.watch(true);
                timerLoop.execute(sampler::baseline);
                long millis = INTERVAL.toMillis();
                timer = timerLoop.scheduleAtFixedRate(this::tick, millis, millis, TimeUnit.MILLISECONDS);
            }
        }
        channel.closeFuture().addListener(closed -> left(channel));
        HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        head.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/event-stream; charset=utf-8")
                .set(HttpHeaderNames.CACHE_CONTROL, "no-store")
                .set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED)
                .set("X-Content-Type-Options", "nosniff");
        ctx.write(head);
        ctx.writeAndFlush(new DefaultHttpContent(Unpooled.wrappedBuffer(PREAMBLE)));
        onlyDiscardInput(channel.pipeline());
    }

    private void left(Channel channel) {
        synchronized (this) {
            watchers.remove(channel);
            if (watchers.isEmpty() && timer != null) {
                timer.cancel(false);
                timer = null;
                rates.watch(false);
            }
        }
    }

    /** On the timer's loop: one point, written to every watcher that keeps up. */
    private void tick() {
        sampler.sample().whenComplete((point, failure) -> {
            if (failure != null) {
                LOG.warn("sampling the dashboard's stats failed: {}", failure.toString());
                return;
            }
            byte[] frame = frame(point);
            for (Channel channel : watchers) {
                if (!channel.isWritable()) {
                    LOG.info("dashboard stats stream {} closed: it does not read what it is sent (slow consumer)",
                            channel.remoteAddress());
                    channel.close();
                    continue;
                }
                channel.writeAndFlush(new DefaultHttpContent(Unpooled.wrappedBuffer(frame)));
            }
        });
    }

    /**
     * One SSE event. Compact JSON holds no line break (Jackson escapes control characters in strings,
     * and writes none between tokens), so one {@code data:} line carries it whole.
     */
    static byte[] frame(ObjectNode point) {
        try {
            byte[] json = Responses.json().writeValueAsBytes(point);
            byte[] frame = new byte[6 + json.length + 2];
            System.arraycopy("data: ".getBytes(StandardCharsets.US_ASCII), 0, frame, 0, 6);
            System.arraycopy(json, 0, frame, 6, json.length);
            frame[frame.length - 2] = '\n';
            frame[frame.length - 1] = '\n';
            return frame;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a stats point", e);
        }
    }

    /** The client has nothing more to say: every HTTP handler after the codec goes. */
    private static void onlyDiscardInput(ChannelPipeline pipeline) {
        for (String name : List.of("first-bytes", "timeouts", "keep-alive", "body-limit", "router")) {
            if (pipeline.get(name) != null) {
                pipeline.remove(name);
            }
        }
        pipeline.addLast("discard", new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                ReferenceCountUtil.release(msg);
            }

            @Override
            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                ctx.close();
            }
        });
    }
}
