package dev.herald.server.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * Collects each request body up to the configured limit; a larger one (announced or streamed) is
 * answered 413 with a message that names the limit, and the connection is closed since the rest of the
 * body was not read. The refusal is a line of the {@link ClientErrorLog}.
 */
public final class BodyLimit extends HttpObjectAggregator {

    private final int maxBodyBytes;
    private final ClientErrorLog clientErrors;

    public BodyLimit(int maxBodyBytes, ClientErrorLog clientErrors) {
        super(maxBodyBytes);
        this.maxBodyBytes = maxBodyBytes;
        this.clientErrors = clientErrors;
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
        clientErrors.log(ctx.channel().remoteAddress(), "request body larger than " + maxBodyBytes + " bytes; answered 413");
        Responses.sendErrorAndClose(ctx, HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE,
                "request body is larger than " + maxBodyBytes + " bytes");
    }
}
