package dev.herald.server;

import dev.herald.core.CommitStats;
import dev.herald.core.Hub;
import dev.herald.core.Transport;
import dev.herald.core.ReaderStats;
import dev.herald.server.metrics.HeraldMetrics;
import dev.herald.server.metrics.TopicRates;
import dev.herald.server.http.ClientErrorLog;
import dev.herald.server.http.CorsPolicy;
import dev.herald.server.http.LoopExecutors;
import dev.herald.server.http.LoopbackOnly;
import dev.herald.server.http.Route;
import dev.herald.server.http.Router;
import dev.herald.server.http.TlsContexts;
import dev.herald.server.stream.CloseReason;
import dev.herald.server.stream.Dispatcher;
import dev.herald.server.stream.SelectorCounts;
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
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
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
    private final HeraldMetrics metrics;
    private final Channel listener;
    private final Health health;
    /** The admin listener, when {@code --admin-listen} asked for one. */
    private final Optional<AdminListener> admin;
    /** Every open connection, so a shutdown can close the idle ones too. */
    private final ChannelGroup connections = new DefaultChannelGroup("herald-connections", GlobalEventExecutor.INSTANCE);
    private final AtomicBoolean closing = new AtomicBoolean();
    private final ClientErrorLog clientErrors = ClientErrorLog.defaults();
    private final Duration shutdownGrace;
    private final boolean tls;

    private HeraldServer(ServerOptions options, Clock clock) {
        SecurityOptions security = options.security();
        shutdownGrace = options.shutdownGrace();
        tls = options.tls().isPresent();
        List<String> warnings = StartupChecks.require(options.host(), security);
        boolean epoll = Epoll.isAvailable();
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        Class<? extends ServerSocketChannel> channelType =
                epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        acceptLoop = new MultiThreadIoEventLoopGroup(1, io);
        ioLoops = new MultiThreadIoEventLoopGroup(Runtime.getRuntime().availableProcessors(), io);
        metrics = new HeraldMetrics();
        Transport transport;
        try {
            transport = Transports.open(options.history(), options.idempotency(), clock);
        } catch (RuntimeException e) {
            shutdownLoops();
            throw e;
        }
        hub = new Hub(transport);
        dispatcher = new Dispatcher(ioLoops, PooledByteBufAllocator.DEFAULT, options.heartbeat(), metrics);
        hub.addListener(dispatcher);
        hub.addLiveListener(dispatcher);
        hub.addListener(metrics);
        metrics.deliveriesFrom(dispatcher::deliveries);
        if (transport instanceof CommitStats stats) {
            metrics.commitsFrom(stats);
        }
        if (transport instanceof ReaderStats stats) {
            metrics.readerFrom(stats);
        }
        health = new Health(transport, options.maxDeliveryLag());
        metrics.readinessFrom(() -> health.notReadyReason().isEmpty(), () -> health.delivery().lag().toNanos() / 1e9);
        for (SelectorCounts.Kind kind : SelectorCounts.Kind.values()) {
            metrics.subscriptionsFrom(kind.name().toLowerCase(), () -> dispatcher.selectorCounts().count(kind));
        }
        Endpoints endpoints = new Endpoints(options, clock, hub, dispatcher, new LoopExecutors(ioLoops), metrics);
        List<Route> routes = new ArrayList<>(endpoints.routes());
        // What load balancers need stays on the public port, admin listener or not.
        routes.addAll(health.routes());
        // Keyless, anyone who reaches the hub publishes: only loopback names are served (DNS rebinding).
        boolean keyless = !security.publishersNeedTokens();

        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(acceptLoop, ioLoops)
                .channel(channelType)
                .option(ChannelOption.SO_BACKLOG, 4096)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
                // Writability pauses a replay at 64 KiB pending and resumes it below 32 KiB.
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(32 * 1024, 64 * 1024))
                .childHandler(new HeraldInitializer(options, options.tls().map(TlsContexts::server),
                        CorsPolicy.config(security.corsOrigins()), new Router(keyless ? LoopbackOnly.guard(routes) : routes, clientErrors),
                        connections, metrics, clientErrors,
                        keyless ? LoopbackOnly.guard(endpoints.publishers()) : endpoints.publishers()));
        ChannelFuture bound = bootstrap.bind(options.host(), options.port()).awaitUninterruptibly();
        if (!bound.isSuccess()) {
            hub.close();
            shutdownLoops();
            throw new StartupException("cannot listen on " + options.host() + ":" + options.port() + ": "
                    + bound.cause().getMessage(), bound.cause());
        }
        listener = bound.channel();
        try {
            admin = options.admin().map(where -> startAdmin(where, options, channelType, endpoints));
        } catch (StartupException e) {
            listener.close().syncUninterruptibly();
            hub.close();
            shutdownLoops();
            throw e;
        }
        LOG.info("Herald listening on {}://{} ({}, {}, up to {} streams, {} connections, {} per address)", scheme(),
                hostAndPort(address()), epoll ? "epoll" : "nio", Transports.describe(options.history()),
                options.effectiveMaxStreams(), options.connections().effectiveMaxConnections(),
                options.connections().maxConnectionsPerAddress() == 0 ? "no limit"
                        : options.connections().maxConnectionsPerAddress());
        if (options.connections().effectiveMaxConnections() <= options.effectiveMaxStreams()) {
            LOG.warn("--max-connections {} is not above the stream limit {}: when every stream slot is taken over "
                    + "HTTP/1.1, publishers and health checks find no free connection (keep the connection limit "
                    + "higher than --max-streams)", options.connections().effectiveMaxConnections(),
                    options.effectiveMaxStreams());
        }
        warnings.forEach(LOG::warn);
        if (!security.publishersNeedTokens()) {
            LOG.warn("Anonymous publishing is on: no publisher key is configured, so the hub listens on "
                    + "a loopback address only (set --publisher-jwt-key or --jwt-key to require tokens)");
        }
    }

    /** The admin listener and what only it needs: per-topic rates are counted only for its dashboard. */
    private AdminListener startAdmin(AdminListen where, ServerOptions options,
            Class<? extends ServerSocketChannel> channelType, Endpoints endpoints) {
        TopicRates topicRates = new TopicRates();
        hub.addListener(topicRates);
        AdminListener started = AdminListener.start(where, options, acceptLoop, ioLoops, channelType,
                new AdminListener.Parts(hub, dispatcher, metrics, topicRates, health, endpoints.activeSubscriptions(),
                        clientErrors));
        LOG.info("Admin listener on http://{} (/metrics, /healthz, /readyz, /dashboard){}", hostAndPort(started.address()),
                started.address().getAddress().isLoopbackAddress() ? ""
                        : ": beyond loopback, with no token asked; keep it behind a firewall");
        return started;
    }

    /** Starts a hub; throws {@link StartupException} when it cannot. */
    public static HeraldServer start(ServerOptions options) {
        return new HeraldServer(options, Clock.systemDefaultZone());
    }

    /** Starts a hub whose time (ids, the demo's time stamps) comes from the given clock. */
    public static HeraldServer start(ServerOptions options, Clock clock) {
        return new HeraldServer(options, clock);
    }

    /** {@code https} with TLS (HTTP/2 and HTTP/1.1 by ALPN), {@code http} otherwise (HTTP/1.1 and h2c). */
    public String scheme() {
        return tls ? "https" : "http";
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) listener.localAddress();
    }

    /** Where the admin listener listens, when there is one. */
    public Optional<InetSocketAddress> adminAddress() {
        return admin.map(AdminListener::address);
    }

    public Hub hub() {
        return hub;
    }

    /** Open SSE streams. */
    public int subscriberCount() {
        return dispatcher.subscriberCount();
    }


    /**
     * Shuts down gracefully within the grace period: stops accepting connections, lets the transport
     * finish and acknowledge the publishes it already took, delivers what is queued, tells every stream
     * to retry later and ends it cleanly (clients reconnect, elsewhere behind a load balancer), closes
     * the remaining connections, then stops the loops. Safe to call more than once.
     */
    @Override
    public void close() {
        if (closing.compareAndSet(false, true)) {
            health.shutdownBegins();
            long deadline = System.nanoTime() + shutdownGrace.toNanos();
            listener.close().syncUninterruptibly();
            hub.close();
            awaitUntil(dispatcher.closeAll(CloseReason.SHUTDOWN), deadline, "ending the streams");
            connections.close().awaitUninterruptibly(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            // Last, so that /readyz there says "shutting down" until the end.
            admin.ifPresent(AdminListener::close);
            LOG.info("Herald stopped");
        }
        shutdownLoops();
    }

    private static void awaitUntil(CompletableFuture<?> work, long deadlineNanos, String what) {
        try {
            work.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            LOG.warn("shutdown grace period ran out while {}", what);
        } catch (ExecutionException e) {
            LOG.warn("{} failed during shutdown: {}", what, e.getCause().toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void shutdownLoops() {
        acceptLoop.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        ioLoops.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private static String hostAndPort(InetSocketAddress address) {
        String host = address.getAddress().getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
    }
}
