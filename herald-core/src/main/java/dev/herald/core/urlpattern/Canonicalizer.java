package dev.herald.core.urlpattern;

/**
 * The URL Pattern standard's encoding callbacks (section "Canonicalization"): each fixed text of a
 * component's pattern is put through the same URL canonicalization a matched URL's component went
 * through, so {@code https://EXAMPLE.com/caf\u00e9} as a pattern matches what {@code https://example.com/caf%C3%A9}
 * parses to. Each throws {@link InvalidUrlPatternException} where the standard throws a TypeError.
 */
@FunctionalInterface
interface Canonicalizer {

    String canonicalize(String value);

    Canonicalizer PROTOCOL = value -> {
        if (value.isEmpty()) {
            return value;
        }
        WhatwgUrl url = WhatwgUrl.parse(value + "://dummy.invalid/", null);
        if (url == null) {
            throw new InvalidUrlPatternException("invalid protocol " + quote(value));
        }
        return url.scheme;
    };

    Canonicalizer USERNAME = PercentEncoding.USERINFO::encode;

    Canonicalizer PASSWORD = PercentEncoding.USERINFO::encode;

    /** A hostname of a special URL ({@code https:}, {@code ws:}, …): lower-cased, IDNA-mapped, IPv4 read. */
    Canonicalizer HOSTNAME = raw -> hostname(raw, true);

    /**
     * A hostname of a non-special URL ({@code foo://Host/}): an opaque host, kept as written but for
     * percent-encoding. The standard canonicalizes every pattern hostname as a special one (lower case),
     * while the URL parser keeps a non-special URL's host as written, so {@code foo://Host/x} as a pattern
     * would not match the URL {@code foo://Host/x}; Herald uses this one when the pattern's protocol is a
     * fixed non-special scheme, as the standard already does for URL inputs given as a dictionary.
     */
    Canonicalizer OPAQUE_HOSTNAME = raw -> hostname(raw, false);

    private static String hostname(String raw, boolean special) {
        String value = withoutTabsAndNewlines(raw);
        if (value.isEmpty()) {
            return value;
        }
        // The hostname state with a state override: the host ends at a path, query or fragment
        // delimiter (special URL: '\' too); a ':' outside brackets is a failure.
        int end = value.length();
        boolean brackets = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '[') {
                brackets = true;
            } else if (c == ']') {
                brackets = false;
            } else if (c == ':' && !brackets) {
                throw new InvalidUrlPatternException("invalid hostname " + quote(value));
            } else if (c == '/' || c == '?' || c == '#' || (c == '\\' && special)) {
                end = i;
                break;
            }
        }
        String host = end == 0 ? null : UrlHost.parse(value.substring(0, end), special);
        if (host == null) {
            throw new InvalidUrlPatternException("invalid hostname " + quote(value));
        }
        return host;
    }

    Canonicalizer IPV6_HOSTNAME = value -> {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.digit(c, 16) < 0 && c != '[' && c != ']' && c != ':') {
                throw new InvalidUrlPatternException("invalid IPv6 hostname " + quote(value));
            }
            out.append(Character.toLowerCase(c));
        }
        return out.toString();
    };

    Canonicalizer PATHNAME = raw -> {
        String value = withoutTabsAndNewlines(raw);
        if (value.isEmpty()) {
            return value;
        }
        // A piece of a path: the standard prefixes "/-" so that the parser neither adds a leading slash
        // nor collapses a leading dot, then removes it again.
        boolean leadingSlash = value.charAt(0) == '/';
        String path = PathSegments.canonicalPath(leadingSlash ? value : "/-" + value);
        return leadingSlash ? path : path.substring(2);
    };

    Canonicalizer OPAQUE_PATHNAME = value -> PercentEncoding.C0_CONTROL.encode(withoutTabsAndNewlines(value));

    Canonicalizer SEARCH = value -> PercentEncoding.SPECIAL_QUERY.encode(withoutTabsAndNewlines(value));

    /**
     * A non-special URL's search: the URL parser leaves {@code '} as it is there (only special URLs encode
     * it), so a pattern of a fixed non-special protocol does too (see {@link #OPAQUE_HOSTNAME}).
     */
    Canonicalizer NON_SPECIAL_SEARCH = value -> PercentEncoding.QUERY.encode(withoutTabsAndNewlines(value));

    Canonicalizer HASH = value -> PercentEncoding.FRAGMENT.encode(withoutTabsAndNewlines(value));

    /** Canonicalize a port, given the protocol it belongs to (its default port becomes empty). */
    static String port(String raw, String protocol) {
        String value = withoutTabsAndNewlines(raw);
        if (value.isEmpty()) {
            return value;
        }
        int digits = 0;
        while (digits < value.length() && value.charAt(digits) >= '0' && value.charAt(digits) <= '9') {
            digits++;
        }
        // The port state with a state override stops at the first non-digit; none at all is a failure.
        if (digits == 0 || digits > 5 || Integer.parseInt(value.substring(0, digits)) > 65535) {
            throw new InvalidUrlPatternException("invalid port " + quote(value));
        }
        int port = Integer.parseInt(value.substring(0, digits));
        return port == WhatwgUrl.defaultPort(protocol) ? "" : Integer.toString(port);
    }

    /** The URL parser removes ASCII tabs and newlines from its input before anything else. */
    static String withoutTabsAndNewlines(String value) {
        if (value.indexOf('\t') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return value;
        }
        return value.replace("\t", "").replace("\n", "").replace("\r", "");
    }

    static String quote(String value) {
        return "\"" + value + "\"";
    }
}
