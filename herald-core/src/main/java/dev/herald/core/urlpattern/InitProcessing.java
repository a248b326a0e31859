package dev.herald.core.urlpattern;

import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The standard's "process a URLPatternInit", for both of its types: a pattern's components (type
 * "pattern": text stays pattern syntax, what comes from the base URL is escaped) and a URL given as a
 * dictionary of components (type "url": each is canonicalized as the URL parser would; only the tests
 * match such inputs, topics being strings). Components not given are inherited from the base URL up to
 * the first one given; a relative pathname is joined to the base's directory; a protocol's trailing ':'
 * and a search's or hash's leading '?' or '#' are dropped.
 */
final class InitProcessing {

    enum Type { PATTERN, URL }

    private InitProcessing() {}

    /**
     * @throws InvalidUrlPatternException for type URL, when a component is not valid
     */
    static Map<String, String> process(Map<String, String> init, WhatwgUrl base, Type type) {
        Map<String, String> result = new HashMap<>();
        if (type == Type.URL) {
            UrlPattern.COMPONENTS.forEach(name -> result.put(name, ""));
        }
        if (base != null) {
            inherit(init, base, type, result);
        }
        boolean pattern = type == Type.PATTERN;
        copy(init, result, "protocol", value -> {
            String stripped = value.endsWith(":") ? value.substring(0, value.length() - 1) : value;
            return pattern ? stripped : Canonicalizer.PROTOCOL.canonicalize(stripped);
        });
        copy(init, result, "username", pattern ? UnaryOperator.identity() : Canonicalizer.USERNAME::canonicalize);
        copy(init, result, "password", pattern ? UnaryOperator.identity() : Canonicalizer.PASSWORD::canonicalize);
        String protocol = result.getOrDefault("protocol", "");
        // The standard's "process hostname for init": a URL's hostname is canonicalized for its protocol.
        Canonicalizer host = protocol.isEmpty() || WhatwgUrl.isSpecial(protocol)
                ? Canonicalizer.HOSTNAME : Canonicalizer.OPAQUE_HOSTNAME;
        copy(init, result, "hostname", pattern ? UnaryOperator.identity() : host::canonicalize);
        copy(init, result, "port", value -> pattern ? value : Canonicalizer.port(value, protocol));
        copy(init, result, "pathname", value -> {
            String pathname = value;
            if (base != null && base.opaquePath == null && !isAbsolutePathname(pathname, type)) {
                String basePath = pattern ? escape(base.pathname()) : base.pathname();
                int slash = basePath.lastIndexOf('/');
                if (slash >= 0) {
                    pathname = basePath.substring(0, slash + 1) + pathname;
                }
            }
            if (pattern) {
                return pathname;
            }
            boolean special = protocol.isEmpty() || WhatwgUrl.isSpecial(protocol);
            return (special ? Canonicalizer.PATHNAME : Canonicalizer.OPAQUE_PATHNAME).canonicalize(pathname);
        });
        copy(init, result, "search", value -> {
            String stripped = value.startsWith("?") ? value.substring(1) : value;
            boolean special = protocol.isEmpty() || WhatwgUrl.isSpecial(protocol);
            return pattern ? stripped
                    : (special ? Canonicalizer.SEARCH : Canonicalizer.NON_SPECIAL_SEARCH).canonicalize(stripped);
        });
        copy(init, result, "hash", value -> {
            String stripped = value.startsWith("#") ? value.substring(1) : value;
            return pattern ? stripped : Canonicalizer.HASH.canonicalize(stripped);
        });
        return result;
    }

    /** Each component the init does not give, nor anything more general than it, comes from the base. */
    private static void inherit(Map<String, String> init, WhatwgUrl base, Type type, Map<String, String> result) {
        boolean protocol = init.containsKey("protocol");
        boolean hostname = protocol || init.containsKey("hostname");
        boolean port = hostname || init.containsKey("port");
        boolean pathname = port || init.containsKey("pathname");
        boolean search = pathname || init.containsKey("search");
        boolean hash = search || init.containsKey("hash");
        UnaryOperator<String> fromBase = type == Type.PATTERN ? InitProcessing::escape : UnaryOperator.identity();
        if (!protocol) {
            result.put("protocol", fromBase.apply(base.scheme));
        }
        if (type == Type.URL) { // patterns never inherit username and password
            boolean username = port || init.containsKey("username");
            if (!username) {
                result.put("username", base.username);
            }
            if (!username && !init.containsKey("password")) {
                result.put("password", base.password);
            }
        }
        if (!hostname) {
            result.put("hostname", fromBase.apply(base.host == null ? "" : base.host));
        }
        if (!port) {
            result.put("port", base.portString());
        }
        if (!pathname) {
            result.put("pathname", fromBase.apply(base.pathname()));
        }
        if (!search) {
            result.put("search", fromBase.apply(base.query == null ? "" : base.query));
        }
        if (!hash) {
            result.put("hash", fromBase.apply(base.fragment == null ? "" : base.fragment));
        }
    }

    private static void copy(Map<String, String> init, Map<String, String> result, String name, UnaryOperator<String> process) {
        String value = init.get(name);
        if (value != null) {
            result.put(name, process.apply(value));
        }
    }

    private static boolean isAbsolutePathname(String value, Type type) {
        if (value.isEmpty()) {
            return false;
        }
        if (value.charAt(0) == '/') {
            return true;
        }
        if (type == Type.URL) {
            return false;
        }
        return value.length() >= 2 && (value.charAt(0) == '\\' || value.charAt(0) == '{') && value.charAt(1) == '/';
    }

    /** The standard's "escape a pattern string": {@code + * ? : { } ( ) \} get a backslash. */
    static String escape(String input) {
        StringBuilder out = new StringBuilder(input.length());
        for (int i = 0; i < input.length(); i++) {
            char c = input.charAt(i);
            if ("+*?:{}()\\".indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }
}
