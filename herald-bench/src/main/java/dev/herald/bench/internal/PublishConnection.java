package dev.herald.bench.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpResponse;

/**
 * One keep-alive publishing connection with at most one request in flight (HTTP/1.1 without
 * pipelining). Confined to the publisher's single event loop.
 */
final class PublishConnection extends SimpleChannelInboundHandler<FullHttpResponse> {

    /** Called on the publisher's loop. */
    interface Listener {
        void answered(PublishConnection connection, int status);

        /** The connection closed; {@code inFlight} tells whether a request went unanswered. */
        void lost(PublishConnection connection, boolean inFlight);
    }

    private final Listener listener;
    private Channel channel;
    private boolean busy;
    /** The topic index and stamp of the request in flight. */
    int topic;
    long stampMicros;
    boolean warmup;

    PublishConnection(Listener listener) {
        this.listener = listener;
    }

    ByteBufAllocator alloc() {
        return channel.alloc();
    }

    /** Sends one complete HTTP/1.1 request, already framed (see {@link PublishRequests}). */
    void send(ByteBuf request, int requestTopic, long requestStampMicros, boolean requestWarmup) {
        busy = true;
        topic = requestTopic;
        stampMicros = requestStampMicros;
        warmup = requestWarmup;
        channel.writeAndFlush(request, channel.voidPromise());
    }

    void close() {
        if (channel != null) {
            channel.close();
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        channel = ctx.channel();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse response) {
        busy = false;
        listener.answered(this, response.status().code());
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        boolean inFlight = busy;
        busy = false;
        listener.lost(this, inFlight);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close(); // channelInactive reports the loss
    }
}
