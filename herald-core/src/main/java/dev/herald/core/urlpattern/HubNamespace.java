package dev.herald.core.urlpattern;

import java.util.Objects;

/**
 * Draft-08's reserved hub namespace: the hub's own path ({@code /.well-known/mercure}) and everything
 * below it belong to resources the hub generates itself, its subscription events among them, so no
 * published topic may address them. A topic addresses them when, resolved against the hub's URL with
 * the WHATWG URL parser (the one URL patterns match with), its path equals the hub's path or starts with
 * it and a slash, whatever its scheme and authority: {@code https://any.host/.well-known/mercure/subscriptions/…}
 * is as forged as the relative {@code /.well-known/mercure/subscriptions/…}. Dot segments are removed by
 * the parser ({@code %2e} included) and percent-encoded unreserved characters decoded before comparing,
 * so {@code /.well-known/%6Dercure/…} and {@code /x/../.well-known/mercure/…} are caught too. A topic that
 * is not a URL reference, or has an opaque path ({@code urn:…}), names no hub path. Immutable.
 */
public final class HubNamespace {

    private final WhatwgUrl hubUrl;
    private final String hubPath;

    /** The namespace of the hub at {@code hubUrl} (absolute, e.g. {@code https://hub.example.com/.well-known/mercure}). */
    public HubNamespace(String hubUrl) {
        Objects.requireNonNull(hubUrl, "hubUrl");
        WhatwgUrl parsed = WhatwgUrl.parse(hubUrl, null);
        if (parsed == null || parsed.opaquePath != null) {
            throw new IllegalArgumentException("the hub's URL must be an absolute URL with a path: " + hubUrl);
        }
        this.hubUrl = parsed;
        this.hubPath = decodeUnreserved(parsed.pathname());
    }

    /** The hub's path, as compared ({@code /.well-known/mercure}). */
    public String path() {
        return hubPath;
    }

    /** True when the topic, resolved against the hub's URL, has the hub's path or one below it. */
    public boolean contains(String topic) {
        WhatwgUrl url = WhatwgUrl.parse(topic, hubUrl);
        if (url == null || url.opaquePath != null) {
            return false;
        }
        String path = decodeUnreserved(url.pathname());
        return path.equals(hubPath) || path.startsWith(hubPath + "/");
    }

    /** RFC 3986's normalization: {@code %XX} of an unreserved character (ALPHA, DIGIT, -, ., _, ~) decoded. */
    private static String decodeUnreserved(String path) {
        if (path.indexOf('%') < 0) {
            return path;
        }
        StringBuilder out = new StringBuilder(path.length());
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '%' && i + 2 < path.length()) {
                int high = hex(path.charAt(i + 1));
                int low = hex(path.charAt(i + 2));
                if (high >= 0 && low >= 0 && unreserved((char) (high * 16 + low))) {
                    out.append((char) (high * 16 + low));
                    i += 2;
                    continue;
                }
            }
            out.append(c);
        }
        return out.toString();
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
    }

    private static boolean unreserved(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.' || c == '_'
                || c == '~';
    }
}
