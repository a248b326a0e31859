package dev.herald.server.http;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where what a client did wrong is written (malformed requests, timeouts, refused connections): one
 * INFO line without a stack trace, and at most {@code lines} of them per {@code interval}, so that no
 * client can fill the operator's disk or bury the hub's own errors. A token bucket: {@code lines} may
 * come at once, then one per {@code interval / lines}. Lines that did not fit are counted, and the next
 * line written says how many were dropped. Safe to call from any thread.
 */
public final class ClientErrorLog {

    /** What a line quotes of a client's own bytes (decoder messages quote them): enough to recognise. */
    static final int MAX_WHAT_CHARS = 200;
    /** 60 lines a minute of ~150 bytes: at most ~13 MB a day, whatever clients do. */
    public static final int DEFAULT_LINES = 60;
    public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(1);

    private static final Logger LOG = LoggerFactory.getLogger(ClientErrorLog.class);

    private final int lines;
    private final long nanosPerLine;
    private final LongSupplier nanoTime;
    private final Consumer<String> sink;
    /** Guarded by this: the tokens left, the time they were last refilled, lines dropped since the last one written. */
    private double tokens;
    private long refilledAt;
    private long dropped;

    /**
     * A log of {@code lines} per {@code interval} written to {@code sink}, timed by {@code nanoTime}
     * (tests pass their own clock and sink).
     */
    public ClientErrorLog(int lines, Duration interval, LongSupplier nanoTime, Consumer<String> sink) {
        if (lines < 1) {
            throw new IllegalArgumentException("lines must be positive: " + lines);
        }
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval must be positive: " + interval);
        }
        this.lines = lines;
        this.nanosPerLine = Math.max(1, interval.toNanos() / lines);
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.tokens = lines;
        this.refilledAt = nanoTime.getAsLong();
    }

    /** {@link #DEFAULT_LINES} per {@link #DEFAULT_INTERVAL} at INFO through SLF4J. */
    public static ClientErrorLog defaults() {
        return new ClientErrorLog(DEFAULT_LINES, DEFAULT_INTERVAL, System::nanoTime, LOG::info);
    }

    /**
     * Writes {@code client <address>: <what>} unless the budget is spent; {@code what} is the client's
     * mistake in a few words (never a stack trace). It may quote the client's bytes, so control
     * characters become {@code ?} (no forged log lines) and it is cut at {@value #MAX_WHAT_CHARS} characters.
     */
    public void log(SocketAddress client, String what) {
        long droppedBefore;
        synchronized (this) {
            refill();
            if (tokens < 1) {
                dropped++;
                return;
            }
            tokens--;
            droppedBefore = dropped;
            dropped = 0;
        }
        String line = "client " + describe(client) + ": " + printable(what);
        sink.accept(droppedBefore == 0 ? line : line + " (" + droppedBefore + " similar lines dropped before this one)");
    }

    private void refill() {
        long now = nanoTime.getAsLong();
        long elapsed = now - refilledAt;
        if (elapsed <= 0) {
            return;
        }
        tokens = Math.min(lines, tokens + (double) elapsed / nanosPerLine);
        refilledAt = now;
    }

    private static String printable(String what) {
        String cut = what.length() > MAX_WHAT_CHARS ? what.substring(0, MAX_WHAT_CHARS) + "..." : what;
        StringBuilder clean = new StringBuilder(cut.length());
        cut.codePoints().forEach(c -> clean.appendCodePoint(Character.isISOControl(c)
                || Character.getType(c) == Character.FORMAT ? '?' : c));
        return clean.toString();
    }

    private static String describe(SocketAddress client) {
        if (client instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return inet.getAddress().getHostAddress() + ":" + inet.getPort();
        }
        return String.valueOf(client);
    }
}
