package dev.herald.server.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;

/**
 * Counts the request bodies being collected on every stream of one HTTP/2 connection against one
 * budget, so that 100 concurrent streams each sending up to the body limit do not make the hub hold
 * 100 bodies at once. One handler per stream, before the body limit, sharing the connection's
 * {@link Budget}; a stream that would exceed it is answered 503 with {@code Retry-After: 1} and reset.
 * A body's bytes count from their arrival until the complete request has been handled (the router
 * handles it, and releases it, before this handler's {@code channelRead} returns).
 */
public final class Http2BodyBudget extends ChannelInboundHandlerAdapter {

    /** The bytes one connection may hold in request bodies; confined to the connection's event loop. */
    public static final class Budget {
        private final long limit;
        private long held;

        public Budget(long limit) {
            this.limit = limit;
        }

        boolean take(long bytes) {
            if (held + bytes > limit) {
                return false;
            }
            held += bytes;
            return true;
        }

        void giveBack(long bytes) {
            held -= bytes;
        }
    }

    private final Budget budget;
    private final ClientErrorLog clientErrors;
    private long held;
    private boolean refused;

    public Http2BodyBudget(Budget budget, ClientErrorLog clientErrors) {
        this.budget = budget;
        this.clientErrors = clientErrors;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (refused) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof HttpContent content && content.content().isReadable()) {
            int bytes = content.content().readableBytes();
            if (!budget.take(bytes)) {
                refused = true;
                ReferenceCountUtil.release(msg);
                giveBack();
                clientErrors.log(ctx.channel().remoteAddress(),
                        "HTTP/2 request bodies beyond the connection's budget of " + budget.limit + " bytes; stream refused");
                Responses.sendErrorAndClose(ctx, new HttpException(HttpResponseStatus.SERVICE_UNAVAILABLE,
                        "this connection is sending too many request bodies at once: retry", 1));
                return;
            }
            held += bytes;
        }
        try {
            ctx.fireChannelRead(msg);
        } finally {
            if (msg instanceof LastHttpContent) {
                giveBack();
            }
        }
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        giveBack();
    }

    private void giveBack() {
        budget.giveBack(held);
        held = 0;
    }
}
