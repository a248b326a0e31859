package dev.herald.server.http;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Closes an HTTP/2 connection that has had no open stream for the idle timeout (the frame codec says
 * goodbye with GOAWAY). Netty's {@code IdleStateHandler} does not fit: PINGs and SETTINGS are traffic
 * but not use, and an open SSE stream may be silent between heartbeats. The stream initializer reports
 * each new stream; everything runs on the connection's event loop (streams share it).
 */
public final class Http2IdleClose extends ChannelInboundHandlerAdapter {

    private final Duration idle;
    private final ConnectionMetrics metrics;
    private ChannelHandlerContext ctx;
    private int openStreams;
    private long idleSince;
    private ScheduledFuture<?> timer;

    public Http2IdleClose(Duration idle, ConnectionMetrics metrics) {
        this.idle = idle;
        this.metrics = metrics;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext context) {
        ctx = context;
        becameIdle();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext context) {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    /** A stream of this connection opened; it counts until its channel closes. Runs on the loop. */
    public void streamOpened(Channel stream) {
        openStreams++;
        stream.closeFuture().addListener(closed -> {
            if (--openStreams == 0) {
                becameIdle();
            }
        });
    }

    private void becameIdle() {
        idleSince = System.nanoTime();
        if (timer == null && ctx != null) {
            schedule(idle.toNanos());
        }
    }

    private void schedule(long nanos) {
        timer = ctx.executor().schedule(this::check, nanos, TimeUnit.NANOSECONDS);
    }

    private void check() {
        timer = null;
        if (openStreams > 0 || ctx.isRemoved() || !ctx.channel().isActive()) {
            return;
        }
        long left = idle.toNanos() - (System.nanoTime() - idleSince);
        if (left > 0) {
            schedule(left);
            return;
        }
        metrics.timedOut(ConnectionMetrics.Timeout.IDLE);
        ctx.close();
    }
}
