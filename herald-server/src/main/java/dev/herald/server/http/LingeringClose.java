package dev.herald.server.http;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import java.util.concurrent.TimeUnit;

/**
 * Answers a request whose body will not be read, then closes the connection so that the client still
 * sees the answer. Closing a TCP connection with unread bytes in its receive buffer sends a reset, and
 * a client still writing its body then loses the answer it was given (it reads "connection reset"):
 * so the hub writes the answer, shuts its side down (FIN), and closes once the client has closed too,
 * or after {@link #LINGER_MILLIS} at most, discarding whatever arrives meanwhile (the caller drops
 * it). What this costs is bounded by time, never by the body's size: the discarded bytes are released
 * as they come. HTTP/2 streams are reset instead, which HTTP/2 clients read after the answer.
 */
public final class LingeringClose {

    /** Long enough for a client on a slow link to read a short answer; nginx waits up to 5 s. */
    static final long LINGER_MILLIS = 2_000;

    private LingeringClose() {
    }

    /** Writes the error answer with {@code Connection: close}, then lingers and closes (see the class). */
    public static void answer(ChannelHandlerContext ctx, HttpException refusal) {
        FullHttpResponse response = Responses.error(refusal);
        response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        Channel channel = ctx.channel();
        if (!(channel instanceof DuplexChannel duplex)) {
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        // The connection ends here: HttpServerKeepAliveHandler would close it as soon as the answer is
        // written (it says Connection: close), and that immediate close is the reset this class avoids.
        if (ctx.pipeline().get(HttpServerKeepAliveHandler.class) != null) {
            ctx.pipeline().remove(HttpServerKeepAliveHandler.class);
        }
        ctx.writeAndFlush(response).addListener(written -> {
            if (!written.isSuccess()) {
                channel.close();
                return;
            }
            duplex.shutdownOutput();
            channel.eventLoop().schedule((Runnable) channel::close, LINGER_MILLIS, TimeUnit.MILLISECONDS);
        });
    }
}
