package dev.herald.server;

import java.time.Duration;
import java.util.Objects;

/**
 * What one connection may hold, and for how long: the answer to clients that send slowly, never
 * send, or open connections without end. Streams (SSE) are exempt from the timeouts once their
 * response head is out: they have heartbeats and their own lifetime.
 *
 * @param headerTimeout a request head must arrive completely within this, counted from its first
 *     byte (slowloris: one header byte every few seconds does not keep a connection); the connection
 *     is closed without an answer, since there is no request to answer yet
 * @param bodyTimeout a request body must arrive completely within this, counted from the end of its
 *     head; answered 408 and closed (on HTTP/2 the stream is reset after the 408)
 * @param idleTimeout a keep-alive connection with no request in flight (or an HTTP/2 connection with
 *     no open stream) is closed after this; a fresh connection that sends nothing counts as idle
 * @param maxConnections the most client connections this node holds at once, further ones are closed
 *     at accept; 0 for automatic: the open-files limit less {@link #RESERVED_FILES}
 * @param maxConnectionsPerAddress the most connections one source address holds at once (an IPv6
 *     client is counted by its /64), further ones are closed at accept; 0 for no limit
 */
public record ConnectionOptions(
        Duration headerTimeout,
        Duration bodyTimeout,
        Duration idleTimeout,
        int maxConnections,
        int maxConnectionsPerAddress) {

    /** Generous for a head of 16 KiB even on a poor mobile link; slowloris needs minutes per connection. */
    public static final Duration DEFAULT_HEADER_TIMEOUT = Duration.ofSeconds(10);
    /** 1 MiB (the default body limit) in 30 s is ~35 KB/s: a slow link still publishes, a stalled one does not. */
    public static final Duration DEFAULT_BODY_TIMEOUT = Duration.ofSeconds(30);
    /** Longer than browsers keep idle connections (Chrome ~5 min is the outlier, most 60 s or less). */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(60);
    /**
     * Files kept free beyond the connection limit when it is automatic: the store's database files,
     * Redis connections, the JVM's jars and epoll descriptors. Streams are capped lower still
     * ({@link ServerOptions#RESERVED_FILES}), so that about 190 connections stay free for publishers,
     * health checks and scrapes when every stream slot is taken.
     */
    public static final int RESERVED_FILES = 64;
    /**
     * Browsers open at most 6 HTTP/1.1 connections per host across all tabs, so an office of ~150
     * people behind one NAT or forward proxy stays below this; one host still cannot take more than a
     * small share of a typical 65,536-file limit. Behind a reverse proxy every client shares the proxy's
     * address: raise it or set 0 there.
     */
    public static final int DEFAULT_MAX_CONNECTIONS_PER_ADDRESS = 1024;

    public ConnectionOptions {
        requirePositive("headerTimeout", headerTimeout);
        requirePositive("bodyTimeout", bodyTimeout);
        requirePositive("idleTimeout", idleTimeout);
        if (maxConnections < 0) {
            throw new IllegalArgumentException("maxConnections must not be negative: " + maxConnections);
        }
        if (maxConnectionsPerAddress < 0) {
            throw new IllegalArgumentException("maxConnectionsPerAddress must not be negative: " + maxConnectionsPerAddress);
        }
    }

    public static ConnectionOptions defaults() {
        return new ConnectionOptions(DEFAULT_HEADER_TIMEOUT, DEFAULT_BODY_TIMEOUT, DEFAULT_IDLE_TIMEOUT, 0,
                DEFAULT_MAX_CONNECTIONS_PER_ADDRESS);
    }

    public ConnectionOptions withTimeouts(Duration header, Duration body, Duration idle) {
        return new ConnectionOptions(header, body, idle, maxConnections, maxConnectionsPerAddress);
    }

    public ConnectionOptions withMaxConnections(int total, int perAddress) {
        return new ConnectionOptions(headerTimeout, bodyTimeout, idleTimeout, total, perAddress);
    }

    /**
     * The connection limit in force: {@code maxConnections}, or when automatic the open-files limit of
     * this process less {@link #RESERVED_FILES} (no limit where the JVM cannot tell).
     */
    public int effectiveMaxConnections() {
        if (maxConnections > 0) {
            return maxConnections;
        }
        return OpenFiles.limitLess(RESERVED_FILES);
    }

    /** The per-address limit in force: {@link Integer#MAX_VALUE} when off. */
    public int effectiveMaxConnectionsPerAddress() {
        return maxConnectionsPerAddress == 0 ? Integer.MAX_VALUE : maxConnectionsPerAddress;
    }

    private static void requirePositive(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
    }
}
