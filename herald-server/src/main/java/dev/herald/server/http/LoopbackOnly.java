package dev.herald.server.http;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * The keyless hub answers only requests addressed to a loopback name (DNS rebinding).
 *
 * <p>Without a publisher key the hub listens on loopback and lets anyone who reaches it publish. A web
 * page cannot reach it directly (another origin), but it can make its own name, say
 * {@code evil.example}, resolve to 127.0.0.1 after the page has loaded: the browser then sends the
 * page's requests, and reads the answers, as same-origin requests to {@code evil.example}, which is
 * this hub. What gives it away is the {@code Host} header (HTTP/2: {@code :authority}, which Netty's
 * HTTP/2 to HTTP/1.1 conversion hands on as {@code Host}): the browser sends the name the page used.
 * So every route answers only when every {@code Host} names the loopback interface itself:
 * {@code localhost}, an IPv4 address in 127.0.0.0/8, or {@code [::1]}, with or without a port (RFC
 * 9110 §7.2). Other hosts get 421 Misdirected Request (RFC 9110 §15.5.20: "not able to produce a
 * response" for this authority), which says "wrong host" rather than 403's "not allowed", and is what
 * the client of a misconfigured name should see.
 *
 * <p>A request without {@code Host} (HTTP/1.0 tools) is served: a browser always sends one, and only a
 * browser can be turned against the hub this way.
 */
public final class LoopbackOnly {

    /** The longest port a {@code Host} may carry: five digits (RFC 3986 allows any, none are longer). */
    private static final int MAX_PORT_DIGITS = 5;
    private static final String LOCALHOST = "localhost";

    private LoopbackOnly() {
    }

    /** The routes, each refusing (421) a request whose {@code Host} is not a loopback name. */
    public static List<Route> guard(List<Route> routes) {
        return routes.stream().map(route -> new Route(route.path(), route.methods(), (ctx, request, query) -> {
            requireLoopbackHost(request);
            route.handler().handle(ctx, request, query);
        }, route.subtree())).toList();
    }

    /**
     * The publish check on request heads, refusing (421) a foreign {@code Host} first: the gate answers
     * before any route runs, and a misdirected request must be told so, not that its origin is foreign.
     */
    public static PublisherGate.Rule guard(PublisherGate.Rule publishers) {
        return new PublisherGate.Rule(publishers.paths(), (head, query) -> {
            requireLoopbackHost(head);
            publishers.check().check(head, query);
        });
    }

    /** Throws 421 unless every {@code Host} of the request is a loopback name. */
    public static void requireLoopbackHost(HttpRequest request) {
        // Iterated rather than getAll: no list per request (every request of a keyless hub comes here).
        Iterator<String> hosts = request.headers().valueStringIterator(HttpHeaderNames.HOST);
        while (hosts.hasNext()) {
            if (!isLoopback(hosts.next())) {
                throw new HttpException(HttpResponseStatus.MISDIRECTED_REQUEST, "this hub has no publisher key, so it "
                        + "only answers requests for localhost, 127.0.0.1 or [::1] (the Host header names another host)");
            }
        }
    }

    /**
     * True when the authority ({@code host} or {@code host:port}, as in {@code Host} or an origin) names
     * the loopback interface: {@code localhost} in any case, a dotted IPv4 address whose first byte is
     * 127, or {@code [::1]} (in any spelling). Never resolves a name: a name other than {@code localhost} is exactly what
     * an attacker controls.
     */
    public static boolean isLoopback(String authority) {
        // trim and toLowerCase return the string itself when they change nothing, and the host and port
        // are read in place: no garbage for a usual Host such as 127.0.0.1:8080.
        String lower = authority.trim().toLowerCase(Locale.ROOT);
        if (lower.startsWith("[")) {
            int close = lower.indexOf(']');
            return close >= 0 && validPort(lower, close + 1) && isLoopbackIpv6(lower.substring(0, close + 1));
        }
        int colon = lower.indexOf(':');
        int hostEnd = colon < 0 ? lower.length() : colon;
        return validPort(lower, hostEnd) && (isLocalhost(lower, hostEnd) || isLoopbackIpv4(lower, hostEnd));
    }

    /** The first {@code hostEnd} characters are {@code localhost}. */
    private static boolean isLocalhost(String lower, int hostEnd) {
        return hostEnd == LOCALHOST.length() && lower.startsWith(LOCALHOST);
    }

    /**
     * {@code [::1]} in any spelling ({@code [0:0:0:0:0:0:0:1]}, as Java writes it), or an IPv4-mapped
     * loopback address. Only a literal of hex digits, colons and dots is parsed, so no name is resolved.
     */
    private static boolean isLoopbackIpv6(String host) {
        if (host.length() < 4 || !host.startsWith("[") || !host.endsWith("]")) {
            return false;
        }
        String literal = host.substring(1, host.length() - 1);
        if (literal.indexOf(':') < 0 || !literal.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.')) {
            return false;
        }
        try {
            return InetAddress.getByName(literal).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** From {@code from} on: nothing, or {@code :} and up to five digits (an empty port is allowed by RFC 3986). */
    private static boolean validPort(String authority, int from) {
        int length = authority.length() - from;
        if (length == 0) {
            return true;
        }
        if (authority.charAt(from) != ':' || length > 1 + MAX_PORT_DIGITS) {
            return false;
        }
        for (int i = from + 1; i < authority.length(); i++) {
            if (!isDigit(authority.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * The first {@code hostEnd} characters are four dot-separated decimal bytes, the first 127. Checked
     * char by char: every request of a keyless hub passes here twice (publisher gate and route), and a
     * split with a regex and a stream per part cost ~1.3 KB of garbage per publish.
     */
    private static boolean isLoopbackIpv4(String authority, int hostEnd) {
        if (!authority.startsWith("127.")) {
            return false;
        }
        int parts = 0;
        int value = 0;
        int digits = 0;
        for (int i = 0; i <= hostEnd; i++) {
            char c = i < hostEnd ? authority.charAt(i) : '.';
            if (c == '.') {
                if (digits == 0 || value > 255) {
                    return false;
                }
                parts++;
                value = 0;
                digits = 0;
            } else if (isDigit(c) && digits < 3) {
                value = value * 10 + (c - '0');
                digits++;
            } else {
                return false;
            }
        }
        return parts == 4;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
