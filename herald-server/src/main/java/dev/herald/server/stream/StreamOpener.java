package dev.herald.server.stream;

import dev.herald.core.HistoryPage;
import dev.herald.core.Hub;
import dev.herald.core.LastEventId;
import dev.herald.core.PageRequest;
import dev.herald.core.Subscription;
import dev.herald.core.TopicSelector;
import dev.herald.core.sse.SseEncoder;
import dev.herald.server.http.HttpException;
import dev.herald.server.http.Responses;
import dev.herald.server.http.Utf8HeaderValue;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.HashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns an HTTP request into an open SSE stream: registers the subscriber first (so nothing published
 * from then on is missed), reads the history it asked for, then sends the headers, the replay, and goes
 * live. The protocol fronts (Mercure, the demo's {@code /stream}) decide what to subscribe to; this
 * class is the one way a stream opens.
 */
public final class StreamOpener {

    private static final Logger LOG = LoggerFactory.getLogger(StreamOpener.class);
    /** Sent first so proxies and browsers see the headers and the open stream at once. */
    private static final SharedFrame OPENING_COMMENT = SharedFrame.of(SseEncoder.comment(""));
    /**
     * A subscriber refused a replay slot (the queue full, or waited {@link ReplayOptions#waitLimit()}) is
     * told to come back in 1 to 4 s, at random: the refused part of a storm comes back spread over 4 s,
     * not all at once.
     */
    static final int REPLAY_RETRY_AFTER_MAX_SECONDS = 4;
    /**
     * The kernel send buffer of a stream's socket. Left to autotuning, Linux grows it to 4 MiB
     * ({@code tcp_wmem}) for a client that does not read, so a replay writes that much before Netty
     * sees the channel unwritable: 100 non-reading replays cost ~400 MB of kernel memory and seconds
     * of the loop. 128 KiB holds hundreds of events, far more than a live stream has in flight.
     */
    static final int STREAM_SEND_BUFFER_BYTES = 128 * 1024;

    private final Hub hub;
    private final Dispatcher dispatcher;
    private final int maxPendingBytes;
    private final StreamMetrics metrics;
    private final ReplayOptions replayOptions;
    private final ReplaySlots replaySlots;

    public StreamOpener(Hub hub, Dispatcher dispatcher, int maxPendingBytes, StreamMetrics metrics,
            ReplayOptions replayOptions) {
        this.hub = Objects.requireNonNull(hub, "hub");
        this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher");
        this.maxPendingBytes = maxPendingBytes;
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.replayOptions = Objects.requireNonNull(replayOptions, "replayOptions");
        this.replaySlots = new ReplaySlots(replayOptions.maxReplays(), replayOptions.maxWaiting());
    }

    /**
     * Opens the stream on the request's connection, in the slot admitted for it
     * ({@link StreamAdmission#admit}, taken before its selectors were compiled). Runs on the channel's
     * event loop; the connection carries nothing but this stream afterwards. A resuming subscriber also
     * needs one of the node's replay slots ({@link ReplayOptions#maxReplays()}): when none is free it
     * waits for one, in turn, with nothing registered yet; a full queue, or a wait past
     * {@link ReplayOptions#waitLimit()}, gets 503 and a jittered {@code Retry-After}. It holds the slot
     * until its history is written or it closes.
     */
    public void open(ChannelHandlerContext ctx, StreamSlot slot, StreamRequest request) {
        if (request.resumeAfter().isEmpty()) {
            start(ctx.channel(), ctx.handler(), slot, request, null);
            return;
        }
        Channel channel = ctx.channel();
        WaitingForReplay waitingHandler = new WaitingForReplay();
        ReplaySlots.Ticket ticket = replaySlots.request(granted -> channel.eventLoop().execute(() -> {
            waitingHandler.stopGiveUp();
            if (channel.isActive()) {
                start(channel, waitingHandler, slot, request, granted);
            } else {
                granted.run(); // gone while waiting: the slot goes to the next in line
            }
        }));
        if (ticket.refused()) {
            throw replayRefused("already " + replaySlots.maxWaiting() + " subscribers wait for one (--max-replays-waiting)");
        }
        if (ticket.slot() != null) {
            start(channel, ctx.handler(), slot, request, ticket.slot());
            return;
        }
        // Until its turn, the connection is read only for its closing: a request pipelined behind the
        // stream's must not be answered before the stream's head.
        channel.pipeline().replace(ctx.handler(), "stream-waiting", waitingHandler);
        ReplaySlots.Waiting waiting = ticket.waiting();
        waitingHandler.giveUp = channel.eventLoop().schedule(() -> {
            if (waiting.cancel()) {
                Responses.sendErrorAndClose(channel, replayRefused("this one waited " + replayOptions.waitLimit().toMillis()
                        + " ms for a slot"));
            }
        }, replayOptions.waitLimit().toNanos(), TimeUnit.NANOSECONDS);
        channel.closeFuture().addListener(closed -> {
            waiting.cancel();
            waitingHandler.stopGiveUp();
            slot.release();
        });
    }

    /**
     * Holds a resuming stream's place in the pipeline while it waits for a replay slot; drops what it
     * reads. Keeps the timer that gives up waiting, so a granted slot cancels it at once instead of
     * leaving it (and the channel it holds) scheduled for the rest of the wait limit. Event loop only.
     */
    private static final class WaitingForReplay extends ChannelInboundHandlerAdapter {

        private ScheduledFuture<?> giveUp;

        void stopGiveUp() {
            if (giveUp != null) {
                giveUp.cancel(false);
            }
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ReferenceCountUtil.release(msg);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close(); // a reset while waiting: the close listener gives its place back
        }
    }

    /**
     * Registers the stream in place of {@code handler} (the endpoint's, or the waiting one), then reads
     * its history when it resumes, holding {@code replaySlot}.
     */
    private void start(Channel channel, ChannelHandler handler, StreamSlot slot, StreamRequest request,
            ReplaySlots.Slot replaySlot) {
        Optional<LastEventId> resumeAfter = request.resumeAfter();
        // Counted until the connection closes, whatever happens from here on.
        channel.closeFuture().addListener(closed -> {
            slot.release();
            if (replaySlot != null) {
                replaySlot.run();
            }
        });
        LoopDispatcher loop = dispatcher.forLoop(channel.eventLoop());
        SseSubscriber subscriber = loop.newSubscriber(channel, request.subscription(), request.liveOnly(), maxPendingBytes);
        ChannelPipeline pipeline = channel.pipeline();
        pipeline.replace(handler, "stream", new StreamHandler(subscriber));
        loop.register(subscriber);
        ScheduledFuture<?> deadline = request.closeAfter()
                .map(after -> channel.eventLoop().schedule(() -> subscriber.close(after.reason()),
                        after.after().toNanos(), TimeUnit.NANOSECONDS))
                .orElse(null);
        channel.closeFuture().addListener(closed -> {
            loop.unregister(subscriber);
            subscriber.closed();
            if (deadline != null) {
                deadline.cancel(false);
            }
            request.lifecycle().closed(subscriber.closeReason());
            metrics.streamClosed(subscriber.closeReason());
        });
        metrics.streamOpened();
        request.lifecycle().opened();
        if (resumeAfter.isEmpty()) {
            // An empty cursor resumes nowhere: the head says so, as for an id the hub does not have.
            sendHeaders(channel, subscriber, request.cursorGiven() ? LastEventId.EARLIEST : null);
            subscriber.flushNow();
            return;
        }
        subscriber.holdLiveUpdates();
        PageRequest pages = pagesFor(request.subscription());
        ReplayPlan plan = new ReplayPlan(previous -> hub.nextPage(previous, pages),
                ReplayPlan.PageEncoder.on(channel.alloc()), replayOptions.stallTimeout(), replaySlot);
        hub.history(resumeAfter.get(), pages.firstPage()).whenComplete((first, failure) ->
                channel.eventLoop().execute(() -> startReplay(channel, subscriber, first, plan, failure)));
    }

    /** Replays running now (each holding a slot). */
    public long replaysRunning() {
        return replaySlots.inUse();
    }

    /** Resuming subscribers waiting for a replay slot now. */
    public long replaysWaiting() {
        return replaySlots.waitingCount();
    }

    /** The 503 that tells a resuming subscriber to come back in a few seconds; counted. */
    private HttpException replayRefused(String why) {
        metrics.streamRefused(StreamRefusal.REPLAYS);
        return new HttpException(HttpResponseStatus.SERVICE_UNAVAILABLE, "this node already replays history to "
                + replaySlots.max() + " subscribers (--max-replays) and " + why + ": retry later or on another node",
                1 + ThreadLocalRandom.current().nextInt(REPLAY_RETRY_AFTER_MAX_SECONDS));
    }

    /**
     * The node's page size, narrowed to the subscription's topics when every selector is an exact
     * topic: the transport then filters where the history lives (the store in SQL), so a subscriber of a
     * rare topic does not pull every foreign update through memory.
     */
    private PageRequest pagesFor(Subscription subscription) {
        Set<String> topics = new HashSet<>();
        for (TopicSelector selector : subscription.selectors()) {
            if (!(selector instanceof TopicSelector.Exact exact)) {
                return replayOptions.pages();
            }
            topics.add(exact.text());
        }
        return replayOptions.pages().onlyTopics(topics);
    }

    private void startReplay(Channel channel, SseSubscriber subscriber, HistoryPage first, ReplayPlan plan,
            Throwable failure) {
        if (subscriber.closeReason() != null) {
            return;
        }
        if (failure != null) {
            // The store or Redis failing is the operator's problem, but every resuming subscriber meets it:
            // one line each, no stack trace (the transport logs its own failure once, with its cause).
            LOG.warn("reading history for stream {} failed: {}", channel, failure.toString());
            Responses.sendErrorAndClose(channel, HttpResponseStatus.SERVICE_UNAVAILABLE,
                    "history is unavailable, retry later");
            return;
        }
        sendHeaders(channel, subscriber, first.resumedFrom());
        subscriber.replay(first, plan);
        subscriber.flushNow();
    }

    /** Writes the SSE response head through the HTTP codec, then takes the codec out of the way. */
    private void sendHeaders(Channel channel, SseSubscriber subscriber, String resumedFrom) {
        if (channel instanceof SocketChannel) { // HTTP/2 streams share their connection's socket
            channel.config().setOption(ChannelOption.SO_SNDBUF, STREAM_SEND_BUFFER_BYTES);
        }
        HttpResponse response = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, "text/event-stream; charset=utf-8")
                .set(HttpHeaderNames.CACHE_CONTROL, "private, no-cache, no-store, must-revalidate, max-age=0")
                .set("X-Accel-Buffering", "no")
                .set("X-Content-Type-Options", "nosniff");
        if (resumedFrom != null) {
            // Draft-07 named the response header after the request's; draft-08 gave it a name of its own.
            String cursor = Utf8HeaderValue.write(resumedFrom);
            response.headers().set("Last-Event-ID", cursor).set("Mercure-Last-Event-ID", cursor);
        }
        if (Wire.of(channel) instanceof Wire.Http1) {
            response.headers().set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
        }
        channel.write(response);
        // Every later byte is a pre-framed chunk shared by many streams: no per-stream HTTP encoder. The
        // TLS handler stays: it is the connection's, not the HTTP exchange's (HTTP/1.1 over HTTPS).
        ChannelPipeline pipeline = channel.pipeline();
        for (String name : pipeline.names()) {
            ChannelHandler handler = pipeline.get(name);
            if (handler != null && !"stream".equals(name) && !(handler instanceof SslHandler)) {
                pipeline.remove(name);
            }
        }
        subscriber.writeShared(OPENING_COMMENT);
        subscriber.headersSent();
    }
}
