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
        /** The stream opened; {@code first} unless the subscriber had opened one before (a reconnect). */
        void opened(Subscriber subscriber, boolean first);

        /**
         * The hub answered 503, with {@code Retry-After} seconds (-1 without); true when the worker will
         * try again (it then schedules the new connection), false to count it as a failure.
         */
        boolean retryLater(Subscriber subscriber, int retryAfterSeconds);

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
    private final SseStampReader stream = new SseStampReader(this);
    private final HttpStreamReader reader = new HttpStreamReader(this, stream);
    private ChannelHandlerContext ctx;
    private boolean settled;
    /** Refused for now: the worker reconnects later, so this close is nobody's failure. */
    private boolean retrying;

    /** Its request carries the subscriber's {@code Last-Event-ID} when it has one. */
    SubscriberHandler(Subscriber subscriber, String target, String host, String token, LoopStats stats, Events events) {
        this.subscriber = subscriber;
        this.request = request(target, host, token, subscriber.lastEventId);
        this.stats = stats;
        this.events = events;
    }

    private static byte[] request(String target, String host, String token, String lastEventId) {
        String text = "GET " + target + " HTTP/1.1\r\nHost: " + host
                + "\r\nAccept: text/event-stream\r\nCache-Control: no-cache\r\n"
                + (token == null ? "" : "Authorization: Bearer " + token + "\r\n")
                + (lastEventId == null ? "" : "Last-Event-ID: " + lastEventId + "\r\n") + "\r\n";
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void channelActive(ChannelHandlerContext context) {
        ctx = context;
        subscriber.connected = true;
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
        if (status == 503 && events.retryLater(subscriber, reader.retryAfterSeconds())) {
            settled = true;
            retrying = true;
            ctx.close();
            return;
        }
        if (status != 200) {
            fail("HTTP " + status);
            return;
        }
        settled = true;
        boolean first = !subscriber.opened;
        subscriber.opened = true;
        events.opened(subscriber, first);
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
        String lastId = stream.lastEventId();
        if (lastId != null) {
            subscriber.lastEventId = lastId;
        }
        subscriber.connected = false; // after the id: a worker waiting for this flag then sees the id
        if (retrying) {
            return;
        }
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
