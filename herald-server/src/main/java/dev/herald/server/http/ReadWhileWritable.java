package dev.herald.server.http;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;

/**
 * Backpressure for pipelined HTTP/1.1 requests: while the connection is not writable (its answers
 * wait beyond the high-water mark because the client does not read them), the socket is not read
 * (auto-read off) and the requests already decoded wait here instead of being answered, so a client
 * that pipelines 10,000 requests and reads nothing makes the hub hold at most one read's worth of
 * request heads and the answers up to the high-water mark. Reading and answering resume once the
 * client drains the answers. Placed right after the HTTP decoder; the decoder's own pipeline limit
 * (128 unanswered requests) bounds the queue, and its failure is a client error (see {@link Router}).
 * Removed with the other HTTP handlers when a connection turns into a stream or HTTP/2: reading
 * resumes then.
 */
public final class ReadWhileWritable extends ChannelDuplexHandler {

    private final ArrayDeque<Object> waiting = new ArrayDeque<>();

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (waiting.isEmpty() && ctx.channel().isWritable()) {
            ctx.fireChannelRead(msg);
            return;
        }
        waiting.add(msg);
        ctx.channel().config().setAutoRead(false);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        // Held back while requests wait: "read complete" is said once they have been passed on.
        if (waiting.isEmpty()) {
            ctx.fireChannelReadComplete();
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (!ctx.channel().isWritable()) {
            ctx.channel().config().setAutoRead(false);
        } else {
            drain(ctx);
        }
        ctx.fireChannelWritabilityChanged();
    }

    private void drain(ChannelHandlerContext ctx) {
        boolean passed = false;
        while (!waiting.isEmpty() && ctx.channel().isWritable() && !ctx.isRemoved()) {
            ctx.fireChannelRead(waiting.poll());
            passed = true;
        }
        if (passed && waiting.isEmpty()) {
            ctx.fireChannelReadComplete();
        }
        if (waiting.isEmpty() && ctx.channel().isWritable()) {
            ctx.channel().config().setAutoRead(true);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        releaseWaiting();
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        releaseWaiting();
        ctx.channel().config().setAutoRead(true);
    }

    private void releaseWaiting() {
        Object msg;
        while ((msg = waiting.poll()) != null) {
            ReferenceCountUtil.release(msg);
        }
    }
}
