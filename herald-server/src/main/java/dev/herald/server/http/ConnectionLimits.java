package dev.herald.server.http;

import io.netty.channel.Channel;
import java.net.InetAddress;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the open connections of the node and of each source address, and refuses one beyond either
 * limit. Refused connections are closed at accept by the caller, before a byte is read: that costs
 * the hub one accept and one close, protocol-agnostic (TLS, h2c, HTTP/1.1 alike), and a load balancer
 * or client retries elsewhere. An answer (503) would need a TLS handshake or a parsed request first,
 * which is what a flood wants the hub to spend. IPv6 clients are counted by their /64, since one host
 * usually owns a whole /64. Safe to use from every event loop.
 */
public final class ConnectionLimits {

    private final int maxConnections;
    private final int maxPerAddress;
    private final AtomicInteger open = new AtomicInteger();
    /** Open connections by source address (or IPv6 /64); an entry goes when its count drops to zero. */
    private final ConcurrentHashMap<InetAddress, Integer> byAddress = new ConcurrentHashMap<>();

    public ConnectionLimits(int maxConnections, int maxPerAddress) {
        if (maxConnections < 1 || maxPerAddress < 1) {
            throw new IllegalArgumentException("limits must be positive: " + maxConnections + ", " + maxPerAddress);
        }
        this.maxConnections = maxConnections;
        this.maxPerAddress = maxPerAddress;
    }

    /**
     * Counts the connection until it closes, or returns why it must be refused (then nothing is
     * counted and the caller closes it).
     */
    public Optional<ConnectionMetrics.Refusal> admit(Channel channel) {
        if (open.incrementAndGet() > maxConnections) {
            open.decrementAndGet();
            return Optional.of(ConnectionMetrics.Refusal.NODE_FULL);
        }
        InetAddress source = SourceAddress.networkOf(channel.remoteAddress());
        if (source != null && !takeFrom(source)) {
            open.decrementAndGet();
            return Optional.of(ConnectionMetrics.Refusal.ADDRESS_FULL);
        }
        channel.closeFuture().addListener(closed -> {
            open.decrementAndGet();
            if (source != null) {
                byAddress.computeIfPresent(source, (address, count) -> count == 1 ? null : count - 1);
            }
        });
        return Optional.empty();
    }

    /** Open connections counted now. */
    public int open() {
        return open.get();
    }

    private boolean takeFrom(InetAddress source) {
        boolean[] taken = {false};
        byAddress.compute(source, (address, count) -> {
            int now = count == null ? 0 : count;
            if (now >= maxPerAddress) {
                return count;
            }
            taken[0] = true;
            return now + 1;
        });
        return taken[0];
    }
}
