package dev.herald.server;

import dev.herald.server.http.BodyLimit;
import dev.herald.server.metrics.HeraldMetrics;
import dev.herald.server.http.Router;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.codec.http.cors.CorsConfig;
import io.netty.handler.codec.http.cors.CorsHandler;
import java.util.Optional;

/**
 * Builds each connection's pipeline, top to bottom. When a request opens an SSE stream, the stream
 * opener replaces all of it with one stream handler: stream bytes are pre-framed and shared.
 */
final class HeraldInitializer extends ChannelInitializer<SocketChannel> {

    /** The longest request line (method, URI, version) accepted; longer gets 414. */
    private static final int MAX_INITIAL_LINE = 8 * 1024;

    private final ServerOptions options;
    private final Optional<CorsConfig> cors;
    private final Router router;
    private final ChannelGroup connections;
    private final HeraldMetrics metrics;

    HeraldInitializer(ServerOptions options, Optional<CorsConfig> cors, Router router, ChannelGroup connections,
            HeraldMetrics metrics) {
        this.options = options;
        this.cors = cors;
        this.router = router;
        this.connections = connections;
        this.metrics = metrics;
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        connections.add(channel);
        metrics.connectionOpened();
        channel.closeFuture().addListener(closed -> metrics.connectionClosed());
        ChannelPipeline pipeline = channel.pipeline();
        pipeline.addLast("http", new HttpServerCodec(MAX_INITIAL_LINE, options.maxHeaderBytes(), 64 * 1024));
        pipeline.addLast("keep-alive", new HttpServerKeepAliveHandler());
        pipeline.addLast("body-limit", new BodyLimit(options.maxBodyBytes()));
        cors.ifPresent(config -> pipeline.addLast("cors", new CorsHandler(config)));
        pipeline.addLast("router", router);
    }
}
