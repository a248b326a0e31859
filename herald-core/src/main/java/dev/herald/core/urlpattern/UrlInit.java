package dev.herald.core.urlpattern;

import java.util.HashMap;
import java.util.Map;

/**
 * The standard's "process a URLPatternInit" for inputs (type "url"): a dictionary of URL components,
 * each canonicalized as the URL parser would, missing ones inherited from its base URL. Topics are
 * strings, so only the tests use this, to run the WPT cases whose inputs are dictionaries.
 */
final class UrlInit {

    private UrlInit() {}

    /** The components to match, or null when the dictionary is not a valid URL (the standard's exception). */
    static Map<String, String> process(Map<String, String> init) {
        try {
            return processOrThrow(init);
        } catch (InvalidUrlPatternException e) {
            return null;
        }
    }

    private static Map<String, String> processOrThrow(Map<String, String> init) {
        Map<String, String> result = new HashMap<>();
        UrlPattern.COMPONENTS.forEach(name -> result.put(name, ""));
        WhatwgUrl base = null;
        if (init.get("baseURL") != null) {
            base = WhatwgUrl.parse(init.get("baseURL"), null);
            if (base == null) {
                return null;
            }
            boolean protocol = init.containsKey("protocol");
            boolean hostname = protocol || init.containsKey("hostname");
            boolean port = hostname || init.containsKey("port");
            boolean pathname = port || init.containsKey("pathname");
            boolean search = pathname || init.containsKey("search");
            boolean hash = search || init.containsKey("hash");
            boolean username = port || init.containsKey("username");
            boolean password = username || init.containsKey("password");
            if (!protocol) {
                result.put("protocol", base.scheme);
            }
            if (!username) {
                result.put("username", base.username);
            }
            if (!password) {
                result.put("password", base.password);
            }
            if (!hostname) {
                result.put("hostname", base.host == null ? "" : base.host);
            }
            if (!port) {
                result.put("port", base.portString());
            }
            if (!pathname) {
                result.put("pathname", base.pathname());
            }
            if (!search) {
                result.put("search", base.query == null ? "" : base.query);
            }
            if (!hash) {
                result.put("hash", base.fragment == null ? "" : base.fragment);
            }
        }
        if (init.containsKey("protocol")) {
            String value = init.get("protocol");
            result.put("protocol", Canonicalizer.PROTOCOL.canonicalize(
                    value.endsWith(":") ? value.substring(0, value.length() - 1) : value));
        }
        if (init.containsKey("username")) {
            result.put("username", Canonicalizer.USERNAME.canonicalize(init.get("username")));
        }
        if (init.containsKey("password")) {
            result.put("password", Canonicalizer.PASSWORD.canonicalize(init.get("password")));
        }
        if (init.containsKey("hostname")) {
            result.put("hostname", Canonicalizer.HOSTNAME.canonicalize(init.get("hostname")));
        }
        String protocol = result.get("protocol");
        if (init.containsKey("port")) {
            result.put("port", Canonicalizer.port(init.get("port"), protocol));
        }
        if (init.containsKey("pathname")) {
            String pathname = init.get("pathname");
            if (base != null && base.opaquePath == null && !pathname.startsWith("/")) {
                String basePath = base.pathname();
                int slash = basePath.lastIndexOf('/');
                if (slash >= 0) {
                    pathname = basePath.substring(0, slash + 1) + pathname;
                }
            }
            boolean special = protocol.isEmpty() || WhatwgUrl.isSpecial(protocol);
            result.put("pathname", (special ? Canonicalizer.PATHNAME : Canonicalizer.OPAQUE_PATHNAME).canonicalize(pathname));
        }
        if (init.containsKey("search")) {
            String value = init.get("search");
            result.put("search", Canonicalizer.SEARCH.canonicalize(value.startsWith("?") ? value.substring(1) : value));
        }
        if (init.containsKey("hash")) {
            String value = init.get("hash");
            result.put("hash", Canonicalizer.HASH.canonicalize(value.startsWith("#") ? value.substring(1) : value));
        }
        return result;
    }
}
