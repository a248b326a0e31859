package dev.herald.server;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerUpgradeHandler;
import io.netty.handler.codec.http.HttpUtil;
import java.util.List;

/**
 * Netty's h2c upgrade, for requests whose body is small. Netty collects an upgrade request's whole
 * body before anything after it sees the request, so a publish carrying {@code Upgrade: h2c} reached
 * the publisher gate only once its body was in memory: an unauthorized client could make the hub hold
 * up to the body limit before its 401. Clients do upgrade on a publish (the JDK's HttpClient asks on
 * its first request, whatever its method), so a body of up to {@link #MAX_UPGRADE_BODY_BYTES} with a
 * declared length still upgrades; a larger or chunked one is served as HTTP/1.1 (a server may ignore
 * {@code Upgrade}, RFC 9110, 7.8) and goes through the gate on its head like any other request.
 */
final class BoundedUpgradeHandler extends HttpServerUpgradeHandler {

    /** What an upgrading request may make the hub hold before its token is checked. */
    static final int MAX_UPGRADE_BODY_BYTES = 64 * 1024;

    BoundedUpgradeHandler(HttpServerCodec codec, UpgradeCodecFactory codecs, int maxBodyBytes) {
        super(codec, codecs, Math.min(maxBodyBytes, MAX_UPGRADE_BODY_BYTES));
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, HttpObject msg, List<Object> out) throws Exception {
        if (msg instanceof HttpRequest request && bodyTooLargeToUpgrade(request)) {
            request.headers().remove(HttpHeaderNames.UPGRADE);
        }
        super.decode(ctx, msg, out);
    }

    private static boolean bodyTooLargeToUpgrade(HttpRequest request) {
        return HttpUtil.isTransferEncodingChunked(request)
                || HttpUtil.getContentLength(request, 0L) > MAX_UPGRADE_BODY_BYTES;
    }
}
