package dev.herald.server;

import dev.herald.server.http.BodyLimit;
import dev.herald.server.http.ClientErrorLog;
import dev.herald.server.http.ConnectionLimits;
import dev.herald.server.http.ConnectionMetrics;
import dev.herald.server.http.Http2BodyBudget;
import dev.herald.server.http.Http2IdleClose;
import dev.herald.server.http.PublisherGate;
import dev.herald.server.http.ReadWhileWritable;
import dev.herald.server.http.RequestTimeouts;
import dev.herald.server.http.Router;
import dev.herald.server.metrics.HeraldMetrics;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.codec.http.HttpServerUpgradeHandler;
import io.netty.handler.codec.http.cors.CorsConfig;
import io.netty.handler.codec.http.cors.CorsHandler;
import io.netty.handler.codec.http2.CleartextHttp2ServerUpgradeHandler;
import io.netty.handler.codec.http2.Http2CodecUtil;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2ServerUpgradeCodec;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ApplicationProtocolNegotiationHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.util.AsciiString;
import java.util.Optional;

/**
 * Builds each connection's pipeline, top to bottom. With TLS, ALPN picks HTTP/2 or HTTP/1.1; without,
 * HTTP/2 starts by prior knowledge or by {@code Upgrade: h2c}, and HTTP/1.1 is served otherwise. Every
 * HTTP/2 stream gets its own small HTTP pipeline (the same router), so both protocols share every
 * handler above the codec. When a request opens an SSE stream, the stream opener replaces its
 * pipeline with one stream handler: stream bytes are pre-framed and shared.
 */
final class HeraldInitializer extends ChannelInitializer<SocketChannel> {

    /** The connection-level HTTP/1.1 handlers, by name, in pipeline order. */
    private static final java.util.List<String> HTTP1_HANDLERS = java.util.List.of("first-bytes", "read-while-writable", "timeouts",
            "keep-alive", "cors", "publisher-gate", "body-limit", "router");

    /** The longest request line (method, URI, version) accepted; longer gets 414. */
    private static final int MAX_INITIAL_LINE = 8 * 1024;
    /**
     * Streams one HTTP/2 connection may have open at once, announced in SETTINGS (Netty leaves it
     * unlimited): 100, like nginx, Go and most servers, is the minimum RFC 9113 recommends and more
     * than a browser page needs; more are refused with RST_STREAM (REFUSED_STREAM).
     */
    static final int HTTP2_MAX_CONCURRENT_STREAMS = 100;
    /**
     * The request bodies all streams of one HTTP/2 connection may hold at once, in multiples of the
     * body limit: a few concurrent maximal publishes pass, 100 streams x 1 MiB (100 MiB) do not.
     */
    static final int HTTP2_BODY_BUDGET_IN_BODIES = 4;

    private final ServerOptions options;
    private final Optional<SslContext> tls;
    private final Optional<CorsConfig> cors;
    private final Router router;
    private final ChannelGroup connections;
    private final HeraldMetrics metrics;
    private final ClientErrorLog clientErrors;
    private final PublisherGate.Rule publishers;
    private final ConnectionLimits limits;
    private final RequestTimeouts.Limits timeouts;

    HeraldInitializer(ServerOptions options, Optional<SslContext> tls, Optional<CorsConfig> cors, Router router,
            ChannelGroup connections, HeraldMetrics metrics, ClientErrorLog clientErrors, PublisherGate.Rule publishers) {
        this.options = options;
        this.tls = tls;
        this.cors = cors;
        this.router = router;
        this.connections = connections;
        this.metrics = metrics;
        this.clientErrors = clientErrors;
        this.publishers = publishers;
        ConnectionOptions limitsOptions = options.connections();
        this.limits = new ConnectionLimits(limitsOptions.effectiveMaxConnections(),
                limitsOptions.effectiveMaxConnectionsPerAddress());
        this.timeouts = new RequestTimeouts.Limits(limitsOptions.headerTimeout(), limitsOptions.bodyTimeout(),
                limitsOptions.idleTimeout());
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        Optional<ConnectionMetrics.Refusal> refusal = limits.admit(channel);
        if (refusal.isPresent()) {
            // Closed before a byte is read: cheapest for the hub, whatever protocol the client speaks.
            metrics.connectionRefused(refusal.get());
            clientErrors.log(channel.remoteAddress(), refusal.get() == ConnectionMetrics.Refusal.NODE_FULL
                    ? "connection refused: the node holds its maximum of connections (--max-connections)"
                    : "connection refused: this address holds its maximum of connections (--max-connections-per-address)");
            channel.close();
            return;
        }
        connections.add(channel);
        metrics.connectionOpened(channel);
        ChannelPipeline pipeline = channel.pipeline();
        if (tls.isPresent()) {
            pipeline.addLast("tls", tls.get().newHandler(channel.alloc()));
            pipeline.addLast("alpn", new ProtocolByAlpn());
            return;
        }
        RequestTimeouts requestTimeouts = RequestTimeouts.connection(timeouts, metrics, clientErrors);
        pipeline.addLast("first-bytes", requestTimeouts.firstBytes());
        HttpServerCodec http1 = http1Codec();
        HttpServerUpgradeHandler upgrade = new BoundedUpgradeHandler(http1, protocol ->
                AsciiString.contentEquals(Http2CodecUtil.HTTP_UPGRADE_PROTOCOL_NAME, protocol)
                        ? upgradeToHttp2()
                        : null, options.maxBodyBytes());
        pipeline.addLast("h2c", new CleartextHttp2ServerUpgradeHandler(http1, upgrade, new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel ignored) {
                // HTTP/2 by prior knowledge: the connection preface was seen.
                addHttp2(pipeline);
            }
        }));
        addHttp1Handlers(pipeline, requestTimeouts);
    }

    private HttpServerCodec http1Codec() {
        return new HttpServerCodec(MAX_INITIAL_LINE, options.maxHeaderBytes(), 64 * 1024);
    }

    /**
     * After the decoder: backpressure, deadlines, keep-alive, CORS (before the publisher gate, so that
     * its 401 carries the CORS headers a page needs to read it), the publisher's token checked on the
     * head, then the body collected, then the route.
     */
    private void addHttp1Handlers(ChannelPipeline pipeline, RequestTimeouts requestTimeouts) {
        pipeline.addLast("read-while-writable", new ReadWhileWritable());
        pipeline.addLast("timeouts", requestTimeouts);
        pipeline.addLast("keep-alive", new HttpServerKeepAliveHandler());
        cors.ifPresent(config -> pipeline.addLast("cors", new CorsHandler(config)));
        pipeline.addLast("publisher-gate", new PublisherGate(publishers));
        pipeline.addLast("body-limit", new BodyLimit(options.maxBodyBytes(), clientErrors));
        pipeline.addLast("router", router);
    }

    private void addHttp2(ChannelPipeline pipeline) {
        Http2IdleClose idle = new Http2IdleClose(timeouts.idle(), metrics);
        pipeline.addLast("h2", http2Codec());
        pipeline.addLast("h2-streams", http2Streams(idle));
        pipeline.addLast("h2-idle", idle);
        pipeline.addLast("h2-marker", new Http2Marker());
    }

    private Http2ServerUpgradeCodec upgradeToHttp2() {
        Http2IdleClose idle = new Http2IdleClose(timeouts.idle(), metrics);
        return new Http2ServerUpgradeCodec(http2Codec(), http2Streams(idle), idle, new Http2Marker());
    }

    private static io.netty.handler.codec.http2.Http2FrameCodec http2Codec() {
        return Http2FrameCodecBuilder.forServer()
                .initialSettings(Http2Settings.defaultSettings().maxConcurrentStreams(HTTP2_MAX_CONCURRENT_STREAMS))
                .build();
    }

    /**
     * One child channel per HTTP/2 stream, each with the same HTTP handlers as an HTTP/1.1 connection,
     * plus the connection's shared body budget; each stream counts against the connection's idleness.
     */
    private Http2MultiplexHandler http2Streams(Http2IdleClose idle) {
        Http2BodyBudget.Budget budget = new Http2BodyBudget.Budget((long) HTTP2_BODY_BUDGET_IN_BODIES * options.maxBodyBytes());
        return new Http2MultiplexHandler(new ChannelInitializer<Http2StreamChannel>() {
            @Override
            protected void initChannel(Http2StreamChannel stream) {
                idle.streamOpened(stream);
                ChannelPipeline pipeline = stream.pipeline();
                pipeline.addLast("h2-to-http", new Http2StreamFrameToHttpObjectCodec(true));
                pipeline.addLast("timeouts", RequestTimeouts.http2Stream(timeouts, metrics, clientErrors));
                pipeline.addLast("body-budget", new Http2BodyBudget(budget, clientErrors));
                cors.ifPresent(config -> pipeline.addLast("cors", new CorsHandler(config)));
                pipeline.addLast("publisher-gate", new PublisherGate(publishers));
                pipeline.addLast("body-limit", new BodyLimit(options.maxBodyBytes(), clientErrors));
                pipeline.addLast("router", router);
            }
        });
    }

    /** After the TLS handshake: HTTP/2 when the client offered it, HTTP/1.1 otherwise. */
    private final class ProtocolByAlpn extends ApplicationProtocolNegotiationHandler {
        ProtocolByAlpn() {
            super(ApplicationProtocolNames.HTTP_1_1);
        }

        @Override
        protected void configurePipeline(ChannelHandlerContext ctx, String protocol) {
            if (ApplicationProtocolNames.HTTP_2.equals(protocol)) {
                addHttp2(ctx.pipeline());
                return;
            }
            RequestTimeouts requestTimeouts = RequestTimeouts.connection(timeouts, metrics, clientErrors);
            ctx.pipeline().addLast("first-bytes", requestTimeouts.firstBytes());
            ctx.pipeline().addLast("http", http1Codec());
            addHttp1Handlers(ctx.pipeline(), requestTimeouts);
        }
    }

    /**
     * Added once a connection speaks HTTP/2 (by prior knowledge or h2c upgrade): the connection-level
     * HTTP/1.1 handlers have nothing left to do (each stream has its own), so they go; the connection
     * counts as HTTP/2; then this marker removes itself.
     */
    @ChannelHandler.Sharable
    private final class Http2Marker extends io.netty.channel.ChannelInboundHandlerAdapter {
        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            for (String name : HTTP1_HANDLERS) {
                if (ctx.pipeline().get(name) != null) {
                    ctx.pipeline().remove(name);
                }
            }
            metrics.connectionUpgraded(ctx.channel());
            ctx.pipeline().remove(this);
        }
    }
}
