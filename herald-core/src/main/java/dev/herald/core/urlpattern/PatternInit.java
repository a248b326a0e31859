package dev.herald.core.urlpattern;

import java.util.HashMap;
import java.util.Map;

/**
 * The standard's "process a URLPatternInit" for patterns (type "pattern"): components not given are
 * inherited from the base URL (escaped as pattern text) up to the first one given, a relative pathname
 * is joined to the base's directory, a protocol's trailing ':' and a search's or hash's leading '?'/'#'
 * are dropped. Pattern text is otherwise left as written: each component canonicalizes its fixed parts
 * when compiled.
 */
final class PatternInit {

    private PatternInit() {}

    static Map<String, String> process(Map<String, String> init, WhatwgUrl base) {
        Map<String, String> result = new HashMap<>();
        if (base != null) {
            boolean protocol = init.containsKey("protocol");
            boolean hostname = protocol || init.containsKey("hostname");
            boolean port = hostname || init.containsKey("port");
            boolean pathname = port || init.containsKey("pathname");
            boolean search = pathname || init.containsKey("search");
            boolean hash = search || init.containsKey("hash");
            if (!protocol) {
                result.put("protocol", escape(base.scheme));
            }
            if (!hostname) {
                result.put("hostname", escape(base.host == null ? "" : base.host));
            }
            if (!port) {
                result.put("port", base.portString());
            }
            if (!pathname) {
                result.put("pathname", escape(base.pathname()));
            }
            if (!search) {
                result.put("search", escape(base.query == null ? "" : base.query));
            }
            if (!hash) {
                result.put("hash", escape(base.fragment == null ? "" : base.fragment));
            }
        }
        copy(init, result, "protocol", value -> value.endsWith(":") ? value.substring(0, value.length() - 1) : value);
        copy(init, result, "username", value -> value);
        copy(init, result, "password", value -> value);
        copy(init, result, "hostname", value -> value);
        copy(init, result, "port", value -> value);
        copy(init, result, "pathname", value -> {
            if (base == null || base.opaquePath != null || isAbsolutePathname(value)) {
                return value;
            }
            String basePath = escape(base.pathname());
            int slash = basePath.lastIndexOf('/');
            return slash < 0 ? value : basePath.substring(0, slash + 1) + value;
        });
        copy(init, result, "search", value -> value.startsWith("?") ? value.substring(1) : value);
        copy(init, result, "hash", value -> value.startsWith("#") ? value.substring(1) : value);
        return result;
    }

    private static void copy(Map<String, String> init, Map<String, String> result, String name,
            java.util.function.UnaryOperator<String> process) {
        String value = init.get(name);
        if (value != null) {
            result.put(name, process.apply(value));
        }
    }

    private static boolean isAbsolutePathname(String value) {
        if (value.isEmpty()) {
            return false;
        }
        if (value.charAt(0) == '/') {
            return true;
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
