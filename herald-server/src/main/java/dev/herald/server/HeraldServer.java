package dev.herald.server;

import dev.herald.core.Hub;
import dev.herald.core.memory.MemoryTransport;
import dev.herald.core.auth.TokenVerifier;
import dev.herald.server.demo.DemoApi;
import dev.herald.server.http.CorsPolicy;
import dev.herald.server.mercure.ActiveSubscriptions;
import dev.herald.server.mercure.Authorizer;
import dev.herald.server.mercure.MercureEndpoint;
import dev.herald.server.mercure.SubscriptionsApi;
import dev.herald.server.http.Responses;
import dev.herald.server.http.Route;
import dev.herald.server.http.Router;
import dev.herald.server.http.StaticFiles;
import dev.herald.server.stream.CloseReason;
import dev.herald.server.stream.Dispatcher;
import dev.herald.server.stream.StreamOpener;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running hub: owns the event loops, the listening socket, the hub and its dispatcher, and shuts
 * them down in order. {@code HeraldServer.start(ServerOptions.defaults())} is a complete hub.
 */
public final class HeraldServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HeraldServer.class);

    private final EventLoopGroup acceptLoop;
    private final EventLoopGroup ioLoops;
    private final Hub hub;
    private final Dispatcher dispatcher;
    private final Channel listener;

    private HeraldServer(ServerOptions options, Clock clock) {
        SecurityOptions security = options.security();
        requireConsistentSecurity(options.host(), security);
        boolean epoll = Epoll.isAvailable();
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        Class<? extends ServerSocketChannel> channelType =
                epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        acceptLoop = new MultiThreadIoEventLoopGroup(1, io);
        ioLoops = new MultiThreadIoEventLoopGroup(Runtime.getRuntime().availableProcessors(), io);
        hub = new Hub(new MemoryTransport(options.historySize(), clock));
        dispatcher = new Dispatcher(ioLoops, PooledByteBufAllocator.DEFAULT, options.heartbeat());
        hub.addListener(dispatcher);
        ActiveSubscriptions activeSubscriptions = new ActiveSubscriptions(hub, options.activeSubscriptions());
        hub.addListener(activeSubscriptions);
        StreamOpener streams = new StreamOpener(hub, dispatcher, options.maxPendingBytes());
        Authorizer authorizer = new Authorizer(
                security.publisherKey().map(key -> new TokenVerifier(key, TokenVerifier.DEFAULT_CLOCK_SKEW, clock)),
                security.subscriberKey().map(key -> new TokenVerifier(key, TokenVerifier.DEFAULT_CLOCK_SKEW, clock)),
                security.anonymousSubscribers(), security.publishOrigins());
        MercureEndpoint mercure = new MercureEndpoint(hub, streams, authorizer, activeSubscriptions,
                new MercureEndpoint.Limits(options.maxTopics(), options.maxConnectionLifetime()), clock);

        List<Route> routes = new ArrayList<>();
        routes.add(Route.get("/healthz", (ctx, request, query) ->
                ctx.writeAndFlush(Responses.text(HttpResponseStatus.OK, "ok\n"))));
        routes.addAll(mercure.routes());
        routes.addAll(new SubscriptionsApi(activeSubscriptions, authorizer).routes());
        routes.addAll(new DemoApi(mercure, options.demoTopic(), clock).routes());
        routes.addAll(new StaticFiles(StaticFiles.DEMO_FILES).routes());

        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(acceptLoop, ioLoops)
                .channel(channelType)
                .option(ChannelOption.SO_BACKLOG, 4096)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
                // Writability pauses a replay at 64 KiB pending and resumes it below 32 KiB.
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(32 * 1024, 64 * 1024))
                .childHandler(new HeraldInitializer(options, CorsPolicy.config(security.corsOrigins()),
                        new Router(routes)));
        ChannelFuture bound = bootstrap.bind(options.host(), options.port()).awaitUninterruptibly();
        if (!bound.isSuccess()) {
            shutdownLoops();
            throw new StartupException("cannot listen on " + options.host() + ":" + options.port() + ": "
                    + bound.cause().getMessage(), bound.cause());
        }
        listener = bound.channel();
        LOG.info("Herald listening on http://{} ({} transport, memory history of {} updates)",
                hostAndPort(address()), epoll ? "epoll" : "nio", options.historySize());
        if (security.publisherKey().isEmpty()) {
            LOG.warn("Anonymous publishing is on: no publisher key is configured, so the hub listens on "
                    + "a loopback address only (set --publisher-jwt-key or --jwt-key to require tokens)");
        }
    }

    /** Starts a hub; throws {@link StartupException} when it cannot. */
    public static HeraldServer start(ServerOptions options) {
        return new HeraldServer(options, Clock.systemDefaultZone());
    }

    /** Starts a hub whose time (ids, the demo's time stamps) comes from the given clock. */
    public static HeraldServer start(ServerOptions options, Clock clock) {
        return new HeraldServer(options, clock);
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) listener.localAddress();
    }

    public Hub hub() {
        return hub;
    }

    /** Open SSE streams. */
    public int subscriberCount() {
        return dispatcher.subscriberCount();
    }

    /** Blocks until the server is closed. */
    public void awaitClose() throws InterruptedException {
        listener.closeFuture().await();
        ioLoops.terminationFuture().await();
    }

    /** Stops accepting, ends every stream, then stops the loops. Safe to call more than once. */
    @Override
    public void close() {
        if (listener.isOpen()) {
            listener.close().syncUninterruptibly();
            dispatcher.closeAll(CloseReason.SHUTDOWN);
            hub.close();
        }
        shutdownLoops();
    }

    private void shutdownLoops() {
        acceptLoop.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS);
        ioLoops.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }

    /**
     * Without a publisher key anyone who reaches the hub may publish, so the hub then refuses to listen
     * on anything but a loopback address. Refusing anonymous subscribers needs a key to check theirs.
     */
    private static void requireConsistentSecurity(String host, SecurityOptions security) {
        if (!security.anonymousSubscribers() && security.subscriberKey().isEmpty()) {
            throw new StartupException("--no-anonymous needs a subscriber key (--subscriber-jwt-key or --jwt-key) "
                    + "to check subscribers' tokens");
        }
        if (security.publisherKey().isPresent()) {
            return;
        }
        InetAddress address;
        try {
            address = InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new StartupException("--host " + host + " is not a known address", e);
        }
        if (!address.isLoopbackAddress()) {
            throw new StartupException("refusing to listen on " + host + ": with no publisher key configured, "
                    + "anyone who can reach the hub could publish; listen on a loopback address (--host 127.0.0.1)");
        }
    }

    private static String hostAndPort(InetSocketAddress address) {
        String host = address.getAddress().getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
    }
}
