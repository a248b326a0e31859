package dev.herald.bench.chaos;

import dev.herald.bench.internal.HttpStreamReader;
import dev.herald.bench.internal.Payload;
import dev.herald.bench.internal.SseStampReader;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.nio.charset.StandardCharsets;

/**
 * One connection of a {@link ChaosSubscriber}: sends the subscription (with the subscriber's
 * Last-Event-ID once it has one), reads the stream, and tells the pool when it is over so the subscriber
 * reconnects, as an EventSource does. The only handler of its channel; runs on its event loop.
 */
final class ChaosConnection extends ChannelInboundHandlerAdapter implements HttpStreamReader.Listener, SseStampReader.Sink {

    /** What the pool learns; called on the connection's loop. */
    interface Events {
        void opened(ChaosSubscriber subscriber);

        /** The hub refused the stream with 503; reconnect after its Retry-After (-1 without one). */
        void refused(ChaosSubscriber subscriber, int status, int retryAfterSeconds);

        /** The connection ended or could not be made: reconnect later, unless the run is over. */
        void lost(ChaosSubscriber subscriber, String why);

        void delivered();
    }

    private final ChaosSubscriber subscriber;
    private final byte[] request;
    private final boolean sentId;
    private final Events events;
    private final SseStampReader stream = new SseStampReader(this);
    private final HttpStreamReader reader = new HttpStreamReader(this, stream);
    private ChannelHandlerContext ctx;
    /** The tool closes this connection itself: neither a loss nor the server's doing. */
    private boolean closedByTool;
    private boolean reported;

    ChaosConnection(ChaosSubscriber subscriber, String target, String host, Events events) {
        this.subscriber = subscriber;
        String lastEventId = subscriber.lastEventId();
        this.sentId = lastEventId != null;
        this.request = ("GET " + target + " HTTP/1.1\r\nHost: " + host + "\r\nAccept: text/event-stream\r\n"
                + (sentId ? "Last-Event-ID: " + lastEventId + "\r\n" : "") + "\r\n").getBytes(StandardCharsets.UTF_8);
        this.events = events;
    }

    /** Closes it without counting a loss; the pool decides whether it reconnects. */
    void closeByTool() {
        closedByTool = true;
        if (ctx != null) {
            ctx.close();
        }
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
        if (status == 200) {
            subscriber.opened(sentId, reader.lastEventIdHeader());
            events.opened(subscriber);
            return;
        }
        report(() -> events.refused(subscriber, status, reader.retryAfterSeconds()));
        ctx.close();
    }

    @Override
    public void onEnd() {
        ctx.close(); // the hub ended the stream (a graceful stop): channelInactive reports it
    }

    @Override
    public void onMalformed(String why) {
        report(() -> events.lost(subscriber, "malformed response: " + why));
        ctx.close();
    }

    @Override
    public void onEvent(Payload.Stamp stamp) {
        if (stamp == null) {
            return; // not one of the run's publishes
        }
        subscriber.event(stamp.seq(), stream.lastEventId());
        events.delivered();
    }

    @Override
    public void channelInactive(ChannelHandlerContext context) {
        subscriber.closed(!closedByTool);
        report(() -> events.lost(subscriber, closedByTool ? "closed by the tool" : "closed by the hub"));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
        context.close(); // a reset: channelInactive reports it
    }

    /** The TCP connection could not be made (refused: the node is down). */
    void connectFailed(Throwable cause) {
        subscriber.closed(false);
        report(() -> events.lost(subscriber, "connect: " + cause.getClass().getSimpleName()));
    }

    /** One report per connection, whichever way it ends first. */
    private void report(Runnable outcome) {
        if (!reported) {
            reported = true;
            outcome.run();
        }
    }
}
