package dev.herald.server.http;

import dev.herald.server.http.ConnectionMetrics.Timeout;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Deadlines for one HTTP/1.1 connection (or one HTTP/2 stream), placed right after the HTTP decoder:
 * <ul>
 * <li>header: a request head must be complete within {@code header} of its first byte. Netty's
 *     {@code ReadTimeoutHandler} does not fit: one byte every few seconds is never idle. The first
 *     byte is seen by {@link #firstBytes()}, a companion placed before the decoder.
 *     Missed: closed without an answer (there is no request to answer).</li>
 * <li>body: a request body must be complete within {@code body} of the end of its head. Missed: 408
 *     and closed.</li>
 * <li>idle: a connection with no request in flight is closed after {@code idle} (a fresh one too).</li>
 * </ul>
 * A request in flight (complete, not yet answered: a publish waiting for the store, a replay being
 * read) has no deadline here. Once a stream's response head is out, the stream opener removes this
 * handler with the rest of the HTTP handlers: streams have heartbeats and a lifetime of their own. On
 * an HTTP/2 stream only the body deadline applies (headers arrive in one piece, and the connection's
 * idleness is {@link Http2IdleClose}'s). One timer at a time, re-armed lazily: a request that completes
 * quickly costs a field write, not a scheduled task.
 */
public final class RequestTimeouts extends ChannelDuplexHandler {

    /** The three deadlines. */
    public record Limits(Duration header, Duration body, Duration idle) {
    }

    private final Limits limits;
    private final boolean http2Stream;
    private final ConnectionMetrics metrics;
    private final ClientErrorLog clientErrors;

    private Timeout phase;
    /** {@link System#nanoTime()} by which the phase must end; meaningless while {@code phase} is null. */
    private long deadline;
    private ScheduledFuture<?> timer;
    private long timerAt;
    /** Complete requests not yet answered (pipelining). */
    private int inFlight;
    private ChannelHandlerContext ctx;

    private RequestTimeouts(Limits limits, boolean http2Stream, ConnectionMetrics metrics, ClientErrorLog clientErrors) {
        this.limits = limits;
        this.http2Stream = http2Stream;
        this.metrics = metrics;
        this.clientErrors = clientErrors;
    }

    /** For an HTTP/1.1 connection: header, body and idle deadlines. */
    public static RequestTimeouts connection(Limits limits, ConnectionMetrics metrics, ClientErrorLog clientErrors) {
        return new RequestTimeouts(limits, false, metrics, clientErrors);
    }

    /** For an HTTP/2 stream: the body deadline only. */
    public static RequestTimeouts http2Stream(Limits limits, ConnectionMetrics metrics, ClientErrorLog clientErrors) {
        return new RequestTimeouts(limits, true, metrics, clientErrors);
    }

    /**
     * The companion placed before the HTTP decoder: bytes arriving while no request is under way are
     * the first of a request head, and start the header deadline.
     */
    public ChannelHandler firstBytes() {
        return new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext bytesCtx, Object msg) {
                if (phase == Timeout.IDLE && RequestTimeouts.this.ctx != null && msg instanceof ByteBuf bytes
                        && bytes.isReadable()) {
                    arm(RequestTimeouts.this.ctx, Timeout.HEADER, limits.header());
                }
                bytesCtx.fireChannelRead(msg);
            }
        };
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        if (!http2Stream) {
            arm(ctx, Timeout.IDLE, limits.idle());
        }
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        disarm();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        disarm();
        ctx.fireChannelInactive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest) {
            // Most bodies end in the same read: the timer is armed at the end of the read if not.
            begin(Timeout.BODY, limits.body());
        }
        if (msg instanceof LastHttpContent) {
            inFlight++;
            phase = null;
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (phase != null) {
            ensureTimer(ctx);
        }
        ctx.fireChannelReadComplete();
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof LastHttpContent && !informational(msg) && inFlight > 0) {
            inFlight--;
            if (inFlight == 0 && phase == null && !http2Stream) {
                arm(ctx, Timeout.IDLE, limits.idle());
            }
        }
        ctx.write(msg, promise);
    }

    private static boolean informational(Object msg) {
        return msg instanceof HttpResponse response && response.status().codeClass() == HttpStatusClass.INFORMATIONAL;
    }

    private void arm(ChannelHandlerContext ctx, Timeout next, Duration timeout) {
        begin(next, timeout);
        ensureTimer(ctx);
    }

    private void begin(Timeout next, Duration timeout) {
        phase = next;
        deadline = System.nanoTime() + timeout.toNanos();
    }

    /** A timer fires by the deadline: the pending one if it fires earlier (it re-arms itself), else a new one. */
    private void ensureTimer(ChannelHandlerContext ctx) {
        if (timer == null || deadline - timerAt < 0) {
            if (timer != null) {
                timer.cancel(false);
            }
            schedule(ctx, deadline);
        }
    }

    private void schedule(ChannelHandlerContext ctx, long at) {
        timerAt = at;
        timer = ctx.executor().schedule(() -> check(ctx), Math.max(0, at - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    private void disarm() {
        phase = null;
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    private void check(ChannelHandlerContext ctx) {
        timer = null;
        if (phase == null || ctx.isRemoved() || !ctx.channel().isActive()) {
            return;
        }
        if (System.nanoTime() - deadline < 0) {
            schedule(ctx, deadline);
            return;
        }
        Timeout missed = phase;
        phase = null;
        metrics.timedOut(missed);
        switch (missed) {
            case HEADER -> {
                clientErrors.log(ctx.channel().remoteAddress(), "no complete request head within "
                        + seconds(limits.header()) + " of its first byte; connection closed");
                ctx.close();
            }
            case BODY -> {
                clientErrors.log(ctx.channel().remoteAddress(), "no complete request body within "
                        + seconds(limits.body()) + "; answered 408");
                Responses.sendErrorAndClose(ctx, HttpResponseStatus.REQUEST_TIMEOUT,
                        "the request body did not arrive within " + seconds(limits.body()));
            }
            case IDLE -> ctx.close();
        }
    }

    private static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }
}
