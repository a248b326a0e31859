package dev.herald.core.urlpattern;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A compiled WHATWG URL Pattern (https://urlpattern.spec.whatwg.org/), as Mercure draft-08's
 * {@code urlpattern} matcher uses it: a pattern string in the constructor-string form
 * ({@code https://example.com/books/:id}, or relative such as {@code /books/:id}), resolved against a
 * base URL (the hub's), {@code ignoreCase} off. A topic matches when it parses as a URL against the same
 * base and every component (protocol, username, password, hostname, port, pathname, search, hash)
 * matches. Immutable and thread-safe.
 *
 * <p>Safe against hostile patterns: every regular expression runs on RE2/J, whose matching time is
 * linear in the input (no backtracking); and before anything is compiled a pattern is bounded by
 * {@link #MAX_PATTERN_BYTES}, {@link #MAX_GROUPS} and {@link #MAX_PROGRAM_SIZE}. A topic longer than
 * {@link #MAX_INPUT_LENGTH} never matches. So one match costs at most ~{@code MAX_PROGRAM_SIZE ×
 * MAX_INPUT_LENGTH} steps, and a real one (a few dozen instructions, a 50-character topic) a few
 * microseconds.
 */
public final class UrlPattern {

    /** Longest pattern, in UTF-8 bytes: the reference hub's limit. */
    public static final int MAX_PATTERN_BYTES = 4_096;
    /** Most matching groups ({@code :name}, {@code *}, {@code (regexp)}) in one pattern, all components together. */
    public static final int MAX_GROUPS = 64;
    /**
     * Most instructions the pattern's regular expressions may compile to, estimated from their text
     * ({@link RegexSize}), all components together: {@code https://example.com/books/:id} takes ~70, a
     * UUID-shaped custom group adds ~30.
     */
    public static final int MAX_PROGRAM_SIZE = 10_000;
    /** Longest topic (in UTF-16 units) a pattern is tried on; longer ones never match. */
    public static final int MAX_INPUT_LENGTH = 8_192;

    static final List<String> COMPONENTS =
            List.of("protocol", "username", "password", "hostname", "port", "pathname", "search", "hash");

    private final String text;
    private final String baseUrl;
    private final WhatwgUrl base;
    private final Map<String, Component> components;

    private UrlPattern(String text, String baseUrl, WhatwgUrl base, Map<String, Component> components) {
        this.text = text;
        this.baseUrl = baseUrl;
        this.base = base;
        this.components = components;
    }

    /**
     * Compiles a pattern string against a base URL (null for none: the pattern must then be absolute).
     *
     * @throws InvalidUrlPatternException when the pattern is not a well-formed URL pattern, uses a regular
     *     expression feature RE2/J lacks, exceeds a bound, or the base URL is not a URL
     */
    public static UrlPattern compile(String pattern, String baseUrl) {
        Objects.requireNonNull(pattern, "pattern");
        long bytes = utf8Length(pattern);
        if (bytes > MAX_PATTERN_BYTES) {
            throw new InvalidUrlPatternException("URL pattern too long: " + bytes + " bytes, at most "
                    + MAX_PATTERN_BYTES);
        }
        WhatwgUrl base = parseBase(baseUrl);
        Map<String, String> init = new HashMap<>(ConstructorStringParser.parse(pattern));
        if (base == null && !init.containsKey("protocol")) {
            throw new InvalidUrlPatternException("relative URL pattern " + Canonicalizer.quote(pattern)
                    + " needs a base URL");
        }
        return create(pattern, baseUrl, base, init);
    }

    /** UTF-8 length without encoding: no 4 MB array for a 4 MB hostile pattern. */
    private static long utf8Length(String text) {
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes++;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    /** The standard's dictionary form ({@code URLPatternInit}, with an optional "baseURL" entry); for tests. */
    static UrlPattern fromInit(Map<String, String> init) {
        String baseUrl = init.get("baseURL");
        return create(init.toString(), baseUrl, parseBase(baseUrl), init);
    }

    private static WhatwgUrl parseBase(String baseUrl) {
        if (baseUrl == null) {
            return null;
        }
        WhatwgUrl base = WhatwgUrl.parse(baseUrl, null);
        if (base == null) {
            throw new InvalidUrlPatternException("invalid base URL " + Canonicalizer.quote(baseUrl));
        }
        return base;
    }

    private static UrlPattern create(String text, String baseUrl, WhatwgUrl base, Map<String, String> init) {
        Map<String, String> processed = InitProcessing.process(init, base, InitProcessing.Type.PATTERN);
        for (String name : COMPONENTS) {
            processed.putIfAbsent(name, "*");
        }
        String protocol = processed.get("protocol");
        if (WhatwgUrl.isSpecial(protocol)
                && processed.get("port").equals(Integer.toString(WhatwgUrl.defaultPort(protocol)))) {
            processed.put("port", "");
        }
        Map<String, Component> components = new LinkedHashMap<>();
        components.put("protocol", Component.compile(protocol, Canonicalizer.PROTOCOL, ComponentOptions.DEFAULT));
        components.put("username", Component.compile(processed.get("username"), Canonicalizer.USERNAME, ComponentOptions.DEFAULT));
        components.put("password", Component.compile(processed.get("password"), Canonicalizer.PASSWORD, ComponentOptions.DEFAULT));
        String hostname = processed.get("hostname");
        String fixedProtocol = components.get("protocol").fixedText();
        boolean nonSpecial = fixedProtocol != null && !fixedProtocol.isEmpty() && !WhatwgUrl.isSpecial(fixedProtocol);
        components.put("hostname", Component.compile(hostname, isIpv6Pattern(hostname) ? Canonicalizer.IPV6_HOSTNAME
                : nonSpecial ? Canonicalizer.OPAQUE_HOSTNAME : Canonicalizer.HOSTNAME, ComponentOptions.HOSTNAME));
        components.put("port", Component.compile(processed.get("port"),
                value -> Canonicalizer.port(value, null), ComponentOptions.DEFAULT));
        boolean special = components.get("protocol").matchesSpecialScheme();
        components.put("pathname", special
                ? Component.compile(processed.get("pathname"), Canonicalizer.PATHNAME, ComponentOptions.PATHNAME)
                : Component.compile(processed.get("pathname"), Canonicalizer.OPAQUE_PATHNAME, ComponentOptions.DEFAULT));
        components.put("search", Component.compile(processed.get("search"),
                nonSpecial ? Canonicalizer.NON_SPECIAL_SEARCH : Canonicalizer.SEARCH, ComponentOptions.DEFAULT));
        components.put("hash", Component.compile(processed.get("hash"), Canonicalizer.HASH, ComponentOptions.DEFAULT));
        int groups = components.values().stream().mapToInt(Component::groupCount).sum();
        if (groups > MAX_GROUPS) {
            throw new InvalidUrlPatternException("URL pattern too complex: " + groups + " groups, at most " + MAX_GROUPS);
        }
        long size = components.values().stream().mapToLong(Component::size).sum();
        if (size > MAX_PROGRAM_SIZE) {
            throw new InvalidUrlPatternException("URL pattern too complex: its regular expressions would take "
                    + "more than " + MAX_PROGRAM_SIZE + " instructions (counted repetitions multiply)");
        }
        return new UrlPattern(text, baseUrl, base, Map.copyOf(components));
    }

    private static boolean isIpv6Pattern(String hostname) {
        if (hostname.length() < 2) {
            return false;
        }
        char first = hostname.charAt(0);
        return first == '[' || ((first == '{' || first == '\\') && hostname.charAt(1) == '[');
    }

    /** The pattern as given. */
    public String text() {
        return text;
    }

    /** The base URL relative patterns and topics resolve against; null when none. */
    public String baseUrl() {
        return baseUrl;
    }

    /**
     * True when the topic, parsed as a URL against the base URL, matches every component. A topic that
     * is not a URL (nor a relative reference the base resolves), or longer than {@link #MAX_INPUT_LENGTH},
     * does not match.
     */
    public boolean matches(String topic) {
        if (topic.length() > MAX_INPUT_LENGTH) {
            return false;
        }
        WhatwgUrl url = WhatwgUrl.parse(topic, base);
        // The most selective components first: most topics a candidate pattern is tried on differ there.
        return url != null
                && components.get("hostname").matches(url.host == null ? "" : url.host)
                && components.get("pathname").matches(url.pathname())
                && components.get("protocol").matches(url.scheme)
                && components.get("port").matches(url.portString())
                && components.get("search").matches(url.query == null ? "" : url.query)
                && components.get("hash").matches(url.fragment == null ? "" : url.fragment)
                && components.get("username").matches(url.username)
                && components.get("password").matches(url.password);
    }

    /**
     * The standard's {@code exec} on a URL string and its own base URL (null: none; the pattern's base is
     * not used, as in the standard): for each component, its input and groups (a group that took no part
     * maps to null); null when the input does not match. For tests against the standard's expectations.
     */
    Map<String, Map.Entry<String, Map<String, String>>> exec(String input, String inputBase) {
        WhatwgUrl baseForInput = null;
        if (inputBase != null) {
            baseForInput = WhatwgUrl.parse(inputBase, null);
            if (baseForInput == null) {
                return null;
            }
        }
        return execComponents(componentsOf(input, baseForInput));
    }

    /** {@code exec} on a URLPatternInit dictionary input (type "url"); for tests. */
    Map<String, Map.Entry<String, Map<String, String>>> execInit(Map<String, String> init) {
        WhatwgUrl inputBase = null;
        if (init.get("baseURL") != null) {
            inputBase = WhatwgUrl.parse(init.get("baseURL"), null);
            if (inputBase == null) {
                return null;
            }
        }
        try {
            return execComponents(InitProcessing.process(init, inputBase, InitProcessing.Type.URL));
        } catch (InvalidUrlPatternException e) {
            return null; // the standard: a dictionary that is not a valid URL matches nothing
        }
    }

    private Map<String, Map.Entry<String, Map<String, String>>> execComponents(Map<String, String> values) {
        if (values == null) {
            return null;
        }
        Map<String, Map.Entry<String, Map<String, String>>> result = new LinkedHashMap<>();
        for (String name : COMPONENTS) {
            Map<String, String> groups = components.get(name).exec(values.get(name));
            if (groups == null) {
                return null;
            }
            result.put(name, new java.util.AbstractMap.SimpleImmutableEntry<>(values.get(name), groups));
        }
        return result;
    }

    private Map<String, String> componentsOf(String topic) {
        return componentsOf(topic, base);
    }

    private static Map<String, String> componentsOf(String topic, WhatwgUrl base) {
        if (topic.length() > MAX_INPUT_LENGTH) {
            return null;
        }
        WhatwgUrl url = WhatwgUrl.parse(topic, base);
        if (url == null) {
            return null;
        }
        Map<String, String> values = new HashMap<>();
        values.put("protocol", url.scheme);
        values.put("username", url.username);
        values.put("password", url.password);
        values.put("hostname", url.host == null ? "" : url.host);
        values.put("port", url.portString());
        values.put("pathname", url.pathname());
        values.put("search", url.query == null ? "" : url.query);
        values.put("hash", url.fragment == null ? "" : url.fragment);
        return values;
    }

    /**
     * A key every topic this pattern matches has: its canonical hostname, a space, and the fixed start
     * of its pathname ({@code example.com /books/} for {@code https://example.com/books/:id}); null when
     * the hostname is not fixed text. Dispatchers index patterns by it and look topics up by the prefixes
     * of {@link TopicKeys#keyOf}. A space can appear in neither a parsed host nor a parsed path.
     */
    public String indexKey() {
        String hostname = components.get("hostname").fixedText();
        return hostname == null ? null : hostname + " " + components.get("pathname").fixedPrefix();
    }

    /** One compiled component by its name ({@code "pathname"}); for tests. */
    Component component(String name) {
        return components.get(name);
    }

    /** Whether the pattern uses a custom regular expression group. */
    public boolean hasRegexpGroups() {
        return components.values().stream().anyMatch(Component::hasRegexpGroups);
    }

    @Override
    public String toString() {
        return "UrlPattern[" + text + (baseUrl == null ? "" : " against " + baseUrl) + "]";
    }
}
