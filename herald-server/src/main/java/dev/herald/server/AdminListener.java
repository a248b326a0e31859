package dev.herald.server;

import dev.herald.core.Hub;
import dev.herald.server.admin.DashboardApi;
import dev.herald.server.admin.StatsStream;
import dev.herald.server.http.BodyLimit;
import dev.herald.server.http.ClientErrorLog;
import dev.herald.server.http.ConnectionLimits;
import dev.herald.server.http.ConnectionMetrics;
import dev.herald.server.http.LoopbackOnly;
import dev.herald.server.http.RequestTimeouts;
import dev.herald.server.http.Route;
import dev.herald.server.http.Router;
import dev.herald.server.mercure.ActiveSubscriptions;
import dev.herald.server.metrics.HeraldMetrics;
import dev.herald.server.metrics.StatsSampler;
import dev.herald.server.metrics.TopicRates;
import dev.herald.server.stream.Dispatcher;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * The admin listener ({@code --admin-listen}): {@code /metrics}, {@code /healthz}, {@code /readyz} and
 * the live {@code /dashboard} on an address of their own, on the hub's event loops. Plain HTTP/1.1
 * (an operator's browser, a scraper, a probe), small bounds of its own: {@link #MAX_CONNECTIONS}
 * connections, {@link #MAX_BODY_BYTES} of body, the hub's header, body and idle deadlines. On a
 * loopback address every route refuses a non-loopback {@code Host} (421: DNS rebinding), and only
 * there does the dashboard publish.
 */
final class AdminListener implements AutoCloseable {

    /** Scrapers, probes and a few dashboards (each holds one stream and a connection or two for its page). */
    static final int MAX_CONNECTIONS = 64;
    /** The dashboard's test publish is a short JSON document. */
    static final int MAX_BODY_BYTES = 64 * 1024;
    private static final int MAX_INITIAL_LINE = 8 * 1024;

    /** What the admin listener shows, all owned by the server. */
    record Parts(Hub hub, Dispatcher dispatcher, HeraldMetrics metrics, TopicRates topicRates, Health health,
            ActiveSubscriptions subscriptions, ClientErrorLog clientErrors) {
    }

    private final Channel listener;
    private final ChannelGroup connections;

    private AdminListener(Channel listener, ChannelGroup connections) {
        this.listener = listener;
        this.connections = connections;
    }

    /**
     * Listens on {@code where}.
     *
     * @throws StartupException when the address cannot be listened on
     */
    static AdminListener start(AdminListen where, ServerOptions options, EventLoopGroup acceptLoop, EventLoopGroup ioLoops,
            Class<? extends ServerSocketChannel> channelType, Parts parts) {
        boolean loopback = isLoopback(where.host());
        StatsSampler sampler = new StatsSampler(parts.metrics(), parts.topicRates(), parts.dispatcher()::topTopics);
        StatsStream stats = new StatsStream(sampler, parts.topicRates(), ioLoops.next(), StatsStream.DEFAULT_MAX_WATCHERS);
        List<Route> routes = new ArrayList<>(parts.health().routes());
        routes.add(MetricsRoute.of(parts.metrics()));
        routes.addAll(new DashboardApi(parts.hub(), parts.subscriptions(), stats, loopback).routes());
        Router router = new Router(loopback ? LoopbackOnly.guard(routes) : routes, parts.clientErrors());
        ConnectionLimits limits = new ConnectionLimits(MAX_CONNECTIONS, MAX_CONNECTIONS);
        ConnectionOptions connectionOptions = options.connections();
        RequestTimeouts.Limits timeouts = new RequestTimeouts.Limits(connectionOptions.headerTimeout(),
                connectionOptions.bodyTimeout(), connectionOptions.idleTimeout());
        ChannelGroup connections = new DefaultChannelGroup("herald-admin", GlobalEventExecutor.INSTANCE);
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(acceptLoop, ioLoops)
                .channel(channelType)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
                // Unwritable past 64 KiB: how the stats stream tells a dashboard that does not read.
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(32 * 1024, 64 * 1024))
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        if (limits.admit(channel).isPresent()) {
                            parts.clientErrors().log(channel.remoteAddress(),
                                    "admin connection refused: the admin listener holds " + MAX_CONNECTIONS + " connections");
                            channel.close();
                            return;
                        }
                        connections.add(channel);
                        RequestTimeouts deadlines = RequestTimeouts.connection(timeouts, ConnectionMetrics.NONE,
                                parts.clientErrors());
                        ChannelPipeline pipeline = channel.pipeline();
                        pipeline.addLast("first-bytes", deadlines.firstBytes());
                        pipeline.addLast("http", new HttpServerCodec(MAX_INITIAL_LINE, options.maxHeaderBytes(), 8 * 1024));
                        pipeline.addLast("timeouts", deadlines);
                        pipeline.addLast("keep-alive", new HttpServerKeepAliveHandler());
                        pipeline.addLast("body-limit", new BodyLimit(MAX_BODY_BYTES, parts.clientErrors()));
                        pipeline.addLast("router", router);
                    }
                });
        ChannelFuture bound = bootstrap.bind(where.host(), where.port()).awaitUninterruptibly();
        if (!bound.isSuccess()) {
            throw new StartupException("cannot listen for --admin-listen on " + where.host() + ":" + where.port() + ": "
                    + bound.cause().getMessage(), bound.cause());
        }
        return new AdminListener(bound.channel(), connections);
    }

    InetSocketAddress address() {
        return (InetSocketAddress) listener.localAddress();
    }

    /** Stops accepting and closes every admin connection (dashboards reconnect to the next hub). */
    @Override
    public void close() {
        listener.close().syncUninterruptibly();
        connections.close().awaitUninterruptibly();
    }

    private static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
