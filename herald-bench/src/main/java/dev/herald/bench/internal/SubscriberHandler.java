package dev.herald.bench.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.nio.charset.StandardCharsets;

/**
 * One SSE subscription, the only handler of its connection: sends the {@code GET}, reads the answer
 * with an {@link HttpStreamReader} and records each stamped event's latency and sequence number.
 */
final class SubscriberHandler extends ChannelInboundHandlerAdapter
        implements HttpStreamReader.Listener, SseStampReader.Sink {

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
    private final byte[] request;
    private final LoopStats stats;
    private final Events events;
    private final HttpStreamReader reader = new HttpStreamReader(this, new SseStampReader(this));
    private ChannelHandlerContext ctx;
    private boolean settled;

    SubscriberHandler(Subscriber subscriber, String target, String host, String token, LoopStats stats, Events events) {
        this.subscriber = subscriber;
        this.request = request(target, host, token);
        this.stats = stats;
        this.events = events;
    }

    private static byte[] request(String target, String host, String token) {
        String text = "GET " + target + " HTTP/1.1\r\nHost: " + host
                + "\r\nAccept: text/event-stream\r\nCache-Control: no-cache\r\n"
                + (token == null ? "" : "Authorization: Bearer " + token + "\r\n") + "\r\n";
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void channelActive(ChannelHandlerContext context) {
        ctx = context;
        ctx.writeAndFlush(Unpooled.wrappedBuffer(request));
    }

    @Override
    public void channelRead(ChannelHandlerContext context, Object message) {
        ByteBuf bytes = (ByteBuf) message;
        try {
            reader.feed(bytes);
        } finally {
            bytes.release();
        }
    }

    @Override
    public void onHead(int status) {
        if (status != 200) {
            fail("HTTP " + status);
            return;
        }
        settled = true;
        subscriber.opened = true;
        events.opened(subscriber);
    }

    @Override
    public void onEnd() {
        ctx.close(); // the hub ended the stream; channelInactive counts it
    }

    @Override
    public void onMalformed(String why) {
        fail("malformed response: " + why);
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
        if (!stamp.warmup()) {
            stats.recordLatency(Payload.nowMicros() - stamp.sendMicros());
        }
        if (tracker.record(stamp.seq())) {
            events.delivered();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext context) {
        if (!settled) {
            fail("closed before the answer");
        } else if (!events.stopping()) {
            subscriber.closedByServer = true;
            events.closedByServer(subscriber);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
        if (!settled) {
            fail(cause.getClass().getSimpleName() + ": " + cause.getMessage());
            return;
        }
        context.close(); // a reset stream: channelInactive counts it as closed by the server
    }

    /** The TCP connection could not be made; called on the loop by the connect listener. */
    void connectFailed(Throwable cause) {
        if (!settled) {
            settled = true;
            events.failed(subscriber, cause.getClass().getSimpleName() + ": " + cause.getMessage());
        }
    }

    private void fail(String reason) {
        if (!settled) {
            settled = true;
            events.failed(subscriber, reason);
        }
        if (ctx != null) {
            ctx.close();
        }
    }
}
