package dev.herald.bench.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * One hostile subscription: sends its request, learns the status, then either never reads again (a
 * non-reader: the hub's writes back up into its socket) or reads and discards everything (a template
 * stream). Non-readers run with auto-read off and ask for one read of at most a few hundred bytes, so
 * what they take off the socket is the status line and little more.
 */
final class AttackConnection extends ChannelInboundHandlerAdapter {

    /** What the connection learned; called on its event loop. */
    interface Events {
        void answered(AttackConnection connection, int status);

        void closed(AttackConnection connection, boolean answered);

        boolean stopping();
    }

    private final byte[] request;
    private final boolean reads;
    private final Events events;
    private final StatusLine status = new StatusLine();
    private boolean answered;

    AttackConnection(byte[] request, boolean reads, Events events) {
        this.request = request;
        this.reads = reads;
        this.events = events;
    }

    /** Whether it reads what the hub sends (a template stream) or never does (a non-reader). */
    boolean reads() {
        return reads;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        ctx.writeAndFlush(Unpooled.wrappedBuffer(request));
        if (!reads) {
            ctx.read(); // the one read: the status line
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        ByteBuf bytes = (ByteBuf) message;
        try {
            if (!answered && status.feed(bytes)) {
                answered = true;
                events.answered(this, status.status());
            }
        } finally {
            bytes.release();
        }
        if (!reads && !answered) {
            ctx.read(); // the status line was split: read on until it is whole
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (!events.stopping()) {
            events.closed(this, answered);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close(); // reset by the hub: channelInactive counts it
    }

    /** Builds the {@code GET} of a subscription. */
    static byte[] request(String target, String hostHeader) {
        return ("GET " + target + " HTTP/1.1\r\nHost: " + hostHeader + "\r\nAccept: text/event-stream\r\n\r\n")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
