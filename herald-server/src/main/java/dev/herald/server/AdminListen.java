package dev.herald.server;

import java.util.Objects;

/**
 * Where the admin listener ({@code /metrics}, {@code /healthz}, {@code /readyz}, {@code /dashboard})
 * listens, apart from subscribers and publishers. Written {@code HOST:PORT}, {@code [IPv6]:PORT} or a
 * bare {@code PORT}, which means loopback: an address beyond loopback is only ever the operator's
 * explicit choice, since nothing on this listener asks for a token.
 *
 * @param host the address to listen on
 * @param port the TCP port; 0 picks a free one (tests)
 */
public record AdminListen(String host, int port) {

    /** A bare port listens here: the dashboard and the metrics stay on the machine unless told otherwise. */
    public static final String DEFAULT_HOST = "127.0.0.1";

    public AdminListen {
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) {
            throw new IllegalArgumentException("the admin listener's host must not be empty");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("the admin listener's port must be between 0 and 65535: " + port);
        }
    }

    /** The admin listener on loopback at this port. */
    public static AdminListen loopback(int port) {
        return new AdminListen(DEFAULT_HOST, port);
    }

    /**
     * Reads {@code HOST:PORT}, {@code [IPv6]:PORT} or {@code PORT}.
     *
     * @throws IllegalArgumentException naming what is wrong and what is expected
     */
    public static AdminListen parse(String text) {
        Objects.requireNonNull(text, "text");
        String value = text.strip();
        int colon = value.lastIndexOf(':');
        String host = colon < 0 ? DEFAULT_HOST : value.substring(0, colon);
        String port = colon < 0 ? value : value.substring(colon + 1);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.contains(":")) {
            throw new IllegalArgumentException(expected(text, "write an IPv6 address in brackets"));
        }
        if (host.isEmpty()) {
            throw new IllegalArgumentException(expected(text, "the host is missing"));
        }
        int number;
        try {
            number = Integer.parseInt(port);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(expected(text, "'" + port + "' is not a port"));
        }
        if (number < 0 || number > 65_535) {
            throw new IllegalArgumentException(expected(text, "the port must be between 0 and 65535"));
        }
        return new AdminListen(host, number);
    }

    private static String expected(String text, String problem) {
        return "'" + text + "' is not an admin address (" + problem + "; expected HOST:PORT, [IPv6]:PORT or PORT, "
                + "e.g. 127.0.0.1:9090)";
    }
}
