package dev.herald.bench.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The tool sends load only to this machine: a benchmark aimed elsewhere is a denial-of-service tool.
 * Every address the host name resolves to must be in 127.0.0.0/8 or be ::1.
 */
public final class Loopback {

    private Loopback() {
    }

    /** Returns the host's first address; throws when any of its addresses is not loopback. */
    public static InetAddress require(String host) {
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("unknown host " + host, e);
        }
        for (InetAddress address : addresses) {
            if (!address.isLoopbackAddress()) {
                throw new IllegalArgumentException("refusing to load " + host + " (" + address.getHostAddress()
                        + "): herald-bench only targets loopback addresses (127.0.0.0/8, ::1)");
            }
        }
        return addresses[0];
    }

    /** The {@code Host} header for the address: IPv6 literals in brackets. */
    public static String hostHeader(String host, int port) {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    /**
     * The source address of worker {@code index}: 127.0.0.2, 127.0.0.3, ... 127.0.0.254, so that every
     * worker has a full ephemeral port range (about 28,000 ports here) of its own. Null for an IPv6
     * target, where ::1 is the only loopback address.
     */
    public static String sourceAddress(InetAddress target, int index) {
        if (target.getAddress().length != 4) {
            return null;
        }
        if (index < 0 || index > 252) {
            throw new IllegalArgumentException("at most 253 workers (127.0.0.2-127.0.0.254): " + index);
        }
        return "127.0.0." + (2 + index);
    }
}
