package dev.herald.bench.internal;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.util.concurrent.TimeUnit;

/**
 * The client's event loops: epoll when the native library loads (Linux), NIO otherwise, the same
 * choice the hub makes. A few loops carry thousands of connections; there is no thread per connection.
 */
public final class ClientLoops implements AutoCloseable {

    private final EventLoopGroup group;
    private final boolean epoll;

    public ClientLoops(int threads) {
        epoll = Epoll.isAvailable();
        group = new MultiThreadIoEventLoopGroup(threads, epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
    }

    public EventLoopGroup group() {
        return group;
    }

    /**
     * A bootstrap for short request/response or long streaming connections to the hub.
     *
     * <p>The tool closes its connections first, so each run leaves its source ports in TIME_WAIT for a
     * minute. Binding a source address then makes the kernel search the port range past thousands of
     * them (a worker spent 20 s of system time opening 10,000 connections right after a run). With
     * {@code IP_BIND_ADDRESS_NO_PORT} the port is chosen at connect time by the whole 4-tuple, where
     * TIME_WAIT ports to loopback are reused ({@code tcp_tw_reuse}); {@code SO_REUSEADDR} covers NIO.
     */
    public Bootstrap bootstrap() {
        Bootstrap bootstrap = new Bootstrap()
                .group(group)
                .channel(epoll ? EpollSocketChannel.class : NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_REUSEADDR, true)
                .option(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000);
        if (epoll) {
            bootstrap.option(EpollChannelOption.IP_BIND_ADDRESS_NO_PORT, true);
        }
        return bootstrap;
    }

    /** Stops the loops and waits for them, so whatever they wrote is visible to the caller. */
    @Override
    public void close() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
    }
}
