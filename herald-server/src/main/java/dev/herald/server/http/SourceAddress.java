package dev.herald.server.http;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * What per-address limits (connections, streams, templates) count by: the client's IP address, or
 * for IPv6 its /64 network (one host is routinely given a whole /64, so counting single IPv6 addresses
 * would limit nothing).
 */
public final class SourceAddress {

    private SourceAddress() {
    }

    /** The address or /64 network of an IP peer; null for any other socket address (in-process channels). */
    public static InetAddress networkOf(SocketAddress remote) {
        if (!(remote instanceof InetSocketAddress inet) || inet.getAddress() == null) {
            return null;
        }
        InetAddress address = inet.getAddress();
        if (!(address instanceof Inet6Address)) {
            return address;
        }
        byte[] network = Arrays.copyOf(address.getAddress(), 16);
        Arrays.fill(network, 8, 16, (byte) 0);
        try {
            return InetAddress.getByAddress(network);
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException("16 bytes are an IPv6 address", impossible);
        }
    }
}
