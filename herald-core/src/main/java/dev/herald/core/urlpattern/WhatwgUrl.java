package dev.herald.core.urlpattern;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A URL parsed by the WHATWG URL standard's basic URL parser (section 4.4), the parser URL Pattern
 * matching is defined on; {@link java.net.URI} is RFC 3986 and differs where it matters here: it
 * rejects spaces and other characters the standard percent-encodes, does not lower-case or
 * IDNA-map hosts, keeps default ports and dot segments, and treats backslashes as errors rather than
 * slashes in special URLs.
 *
 * <p>Supported: every state of the parser except the file-scheme specifics, which are simplified
 * ({@code file:} URLs parse with a host and a path, without Windows drive-letter quirks); topics are
 * identifiers, not files. Validation errors that are not failures are ignored, as the standard says.
 * Not thread-confined: instances are immutable once returned.
 */
final class WhatwgUrl {

    static final Map<String, Integer> SPECIAL_SCHEMES =
            Map.of("ftp", 21, "file", -1, "http", 80, "https", 443, "ws", 80, "wss", 443);

    String scheme = "";
    String username = "";
    String password = "";
    /** Serialized host, or null. */
    String host;
    /** -1 when null. */
    int port = -1;
    /** Segments, when the path is not opaque. */
    List<String> path = new ArrayList<>();
    /** Non-null when the URL has an opaque path ({@code urn:a:b}, {@code mailto:x}). */
    String opaquePath;
    String query;
    String fragment;

    static boolean isSpecial(String scheme) {
        return SPECIAL_SCHEMES.containsKey(scheme);
    }

    boolean special() {
        return isSpecial(scheme);
    }

    /** The URL path serializer. */
    String pathname() {
        if (opaquePath != null) {
            return opaquePath;
        }
        StringBuilder out = new StringBuilder();
        if (host == null && path.size() > 1 && path.get(0).isEmpty()) {
            out.append("/.");
        }
        for (String segment : path) {
            out.append('/').append(segment);
        }
        return out.toString();
    }

    /** The port serialized, or the empty string. */
    String portString() {
        return port < 0 ? "" : Integer.toString(port);
    }

    /** The URL, or null when the input is not a valid URL (relative to the base when one is given). */
    static WhatwgUrl parse(String rawInput, WhatwgUrl base) {
        return new UrlParser(clean(rawInput), base).run();
    }

    /** Leading and trailing C0 controls and spaces removed, tabs and newlines removed everywhere. */
    private static int[] clean(String input) {
        int start = 0;
        int end = input.length();
        while (start < end && input.charAt(start) <= 0x20) {
            start++;
        }
        while (end > start && input.charAt(end - 1) <= 0x20) {
            end--;
        }
        int[] codePoints = new int[end - start];
        int count = 0;
        for (int i = start; i < end; ) {
            int c = input.codePointAt(i);
            i += Character.charCount(c);
            if (c != '\t' && c != '\n' && c != '\r') {
                codePoints[count++] = c;
            }
        }
        return count == codePoints.length ? codePoints : java.util.Arrays.copyOf(codePoints, count);
    }

    /** Takes the base's username, password, host and port (a relative reference without an authority). */
    void copyAuthorityFrom(WhatwgUrl base) {
        username = base.username;
        password = base.password;
        host = base.host;
        port = base.port;
    }

    static int defaultPort(String scheme) {
        return scheme == null ? -1 : SPECIAL_SCHEMES.getOrDefault(scheme, -1);
    }

    static String lower(String text) {
        return text.toLowerCase(Locale.ROOT);
    }
}
