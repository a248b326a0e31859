package dev.herald.bench.internal;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;

/**
 * One SSE subscription: sends the {@code GET}, checks the answer, feeds the body to a
 * {@link SseStampReader} and records each stamped event's latency and sequence number. The HTTP
 * codec before it undoes the chunked framing.
 */
final class SubscriberHandler extends SimpleChannelInboundHandler<HttpObject> implements SseStampReader.Sink {

    /** What the worker learns from its connections; called on their event loops. */
    interface Events {
        void opened(Subscriber subscriber);

        /** The connection failed before the stream opened (refused, reset, not 200). */
        void failed(Subscriber subscriber, String reason);

        void closedByServer(Subscriber subscriber);

        /** A stamped event arrived for the first time. */
        void delivered();

        /** True once the worker itself is closing the connections. */
        boolean stopping();
    }

    private final Subscriber subscriber;
    private final String target;
    private final String host;
    private final String token;
    private final LoopStats stats;
    private final Events events;
    private final SseStampReader reader = new SseStampReader(this);
    private boolean settled;

    SubscriberHandler(Subscriber subscriber, String target, String host, String token, LoopStats stats, Events events) {
        this.subscriber = subscriber;
        this.target = target;
        this.host = host;
        this.token = token;
        this.stats = stats;
        this.events = events;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, target);
        request.headers()
                .set(HttpHeaderNames.HOST, host)
                .set(HttpHeaderNames.ACCEPT, "text/event-stream")
                .set(HttpHeaderNames.CACHE_CONTROL, "no-cache");
        if (token != null) {
            request.headers().set(HttpHeaderNames.AUTHORIZATION, "Bearer " + token);
        }
        ctx.writeAndFlush(request);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, HttpObject message) {
        if (message instanceof HttpResponse response) {
            if (response.status().code() != 200) {
                fail(ctx, "HTTP " + response.status().code());
                return;
            }
            settled = true;
            subscriber.opened = true;
            events.opened(subscriber);
        }
        if (message instanceof HttpContent content && subscriber.opened) {
            reader.feed(content.content());
            if (content instanceof LastHttpContent) {
                ctx.close(); // the hub ended the stream; channelInactive counts it
            }
        }
    }

    @Override
    public void onEvent(Payload.Stamp stamp) {
        stats.events++;
        if (stamp == null) {
            stats.unstamped++;
            return;
        }
        SequenceTracker tracker = subscriber.tracker(stamp.topic());
        if (tracker == null) {
            stats.unexpectedTopic++;
            return;
        }
        stats.recordLatency(Payload.nowMicros() - stamp.sendMicros());
        if (tracker.record(stamp.seq())) {
            events.delivered();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (!settled) {
            fail(ctx, "closed before the answer");
        } else if (!events.stopping()) {
            subscriber.closedByServer = true;
            events.closedByServer(subscriber);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!settled) {
            fail(ctx, cause.getClass().getSimpleName() + ": " + cause.getMessage());
            return;
        }
        ctx.close(); // a reset stream: channelInactive counts it as closed by the server
    }

    /** The TCP connection could not be made; called on the loop by the connect listener. */
    void connectFailed(Throwable cause) {
        if (!settled) {
            settled = true;
            events.failed(subscriber, cause.getClass().getSimpleName() + ": " + cause.getMessage());
        }
    }

    private void fail(ChannelHandlerContext ctx, String reason) {
        if (!settled) {
            settled = true;
            events.failed(subscriber, reason);
        }
        ctx.close();
    }
}
