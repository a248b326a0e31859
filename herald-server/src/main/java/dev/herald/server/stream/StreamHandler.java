package dev.herald.server.stream;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The only handler left on a connection once it carries an SSE stream: the client has nothing more to
 * say, so input is discarded, and a failure ends the stream with its reason.
 */
final class StreamHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(StreamHandler.class);

    private final SseSubscriber subscriber;

    StreamHandler(SseSubscriber subscriber) {
        this.subscriber = subscriber;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ReferenceCountUtil.release(msg);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable()) {
            subscriber.continueReplay();
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException) {
            // Resets and broken pipes are how clients usually leave: not an error.
            subscriber.close(CloseReason.CLIENT_GONE);
            return;
        }
        LOG.warn("stream {} failed: {}", ctx.channel(), cause.toString());
        subscriber.close(CloseReason.WRITE_FAILED);
    }
}
