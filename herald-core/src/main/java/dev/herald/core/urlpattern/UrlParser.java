package dev.herald.core.urlpattern;

import java.util.ArrayList;

/**
 * The state machine of the WHATWG basic URL parser, run once per input by {@link WhatwgUrl#parse}
 * (which documents what is simplified); path segments are {@link PathSegments}'.
 * States are named as in the standard; {@code EOF} is -1.
 */
final class UrlParser {

    private enum State {
        SCHEME_START, SCHEME, NO_SCHEME, SPECIAL_RELATIVE_OR_AUTHORITY, PATH_OR_AUTHORITY, RELATIVE,
        RELATIVE_SLASH, SPECIAL_AUTHORITY_SLASHES, SPECIAL_AUTHORITY_IGNORE_SLASHES, AUTHORITY, HOST, PORT,
        FILE, FILE_SLASH, FILE_HOST, PATH_START, PATH, OPAQUE_PATH, QUERY, FRAGMENT
    }

    private static final int EOF = -1;

    private final int[] input;
    private final WhatwgUrl base;
    private final WhatwgUrl url = new WhatwgUrl();
    private final StringBuilder buffer = new StringBuilder();
    private State state = State.SCHEME_START;
    private int pointer;
    private boolean atSignSeen;
    private boolean insideBrackets;
    private boolean passwordTokenSeen;

    UrlParser(int[] input, WhatwgUrl base) {
        this.input = input;
        this.base = base;
    }

    private int c() {
        return pointer < input.length ? input[pointer] : EOF;
    }

    private int at(int index) {
        return index >= 0 && index < input.length ? input[index] : EOF;
    }

    private static boolean isAsciiAlpha(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isAsciiAlphanumeric(int c) {
        return isAsciiAlpha(c) || (c >= '0' && c <= '9');
    }

    private boolean isSlash(int c) {
        return c == '/' || (c == '\\' && url.special());
    }

    WhatwgUrl run() {
        for (; ; pointer++) {
            int c = c();
            switch (state) {
                case SCHEME_START -> {
                    if (isAsciiAlpha(c)) {
                        buffer.appendCodePoint(Character.toLowerCase(c));
                        state = State.SCHEME;
                    } else {
                        state = State.NO_SCHEME;
                        pointer--;
                    }
                }
                case SCHEME -> {
                    if (isAsciiAlphanumeric(c) || c == '+' || c == '-' || c == '.') {
                        buffer.appendCodePoint(Character.toLowerCase(c));
                    } else if (c == ':') {
                        url.scheme = buffer.toString();
                        buffer.setLength(0);
                        if (url.scheme.equals("file")) {
                            state = State.FILE;
                        } else if (url.special() && base != null && base.scheme.equals(url.scheme)) {
                            state = State.SPECIAL_RELATIVE_OR_AUTHORITY;
                        } else if (url.special()) {
                            state = State.SPECIAL_AUTHORITY_SLASHES;
                        } else if (at(pointer + 1) == '/') {
                            state = State.PATH_OR_AUTHORITY;
                            pointer++;
                        } else {
                            url.opaquePath = "";
                            state = State.OPAQUE_PATH;
                        }
                    } else {
                        buffer.setLength(0);
                        state = State.NO_SCHEME;
                        pointer = -1;
                    }
                }
                case NO_SCHEME -> {
                    if (base == null || (base.opaquePath != null && c != '#')) {
                        return null;
                    } else if (base.opaquePath != null) {
                        url.scheme = base.scheme;
                        url.opaquePath = base.opaquePath;
                        url.query = base.query;
                        url.fragment = "";
                        state = State.FRAGMENT;
                    } else if (!base.scheme.equals("file")) {
                        state = State.RELATIVE;
                        pointer--;
                    } else {
                        state = State.FILE;
                        pointer--;
                    }
                }
                case SPECIAL_RELATIVE_OR_AUTHORITY -> {
                    if (c == '/' && at(pointer + 1) == '/') {
                        state = State.SPECIAL_AUTHORITY_IGNORE_SLASHES;
                        pointer++;
                    } else {
                        state = State.RELATIVE;
                        pointer--;
                    }
                }
                case PATH_OR_AUTHORITY -> {
                    if (c == '/') {
                        state = State.AUTHORITY;
                    } else {
                        state = State.PATH;
                        pointer--;
                    }
                }
                case RELATIVE -> relative(c);
                case RELATIVE_SLASH -> {
                    if (url.special() && (c == '/' || c == '\\')) {
                        state = State.SPECIAL_AUTHORITY_IGNORE_SLASHES;
                    } else if (c == '/') {
                        state = State.AUTHORITY;
                    } else {
                        url.copyAuthorityFrom(base);
                        state = State.PATH;
                        pointer--;
                    }
                }
                case SPECIAL_AUTHORITY_SLASHES -> {
                    if (c == '/' && at(pointer + 1) == '/') {
                        pointer++;
                    } else {
                        pointer--;
                    }
                    state = State.SPECIAL_AUTHORITY_IGNORE_SLASHES;
                }
                case SPECIAL_AUTHORITY_IGNORE_SLASHES -> {
                    if (c != '/' && c != '\\') {
                        state = State.AUTHORITY;
                        pointer--;
                    }
                }
                case AUTHORITY -> authority(c);
                case HOST, FILE_HOST -> {
                    if (!host(c)) {
                        return null;
                    }
                }
                case PORT -> {
                    if (!port(c)) {
                        return null;
                    }
                }
                case FILE -> file(c);
                case FILE_SLASH -> {
                    if (c == '/' || c == '\\') {
                        state = State.FILE_HOST;
                    } else {
                        if (base != null && base.scheme.equals("file")) {
                            url.host = base.host;
                        }
                        state = State.PATH;
                        pointer--;
                    }
                }
                case PATH_START -> {
                    if (url.special()) {
                        state = State.PATH;
                        if (c != '/' && c != '\\') {
                            pointer--;
                        }
                    } else if (c == '?') {
                        url.query = "";
                        state = State.QUERY;
                    } else if (c == '#') {
                        url.fragment = "";
                        state = State.FRAGMENT;
                    } else if (c != EOF) {
                        state = State.PATH;
                        if (c != '/') {
                            pointer--;
                        }
                    }
                }
                case PATH -> path(c);
                case OPAQUE_PATH -> {
                    if (c == '?') {
                        url.query = "";
                        state = State.QUERY;
                    } else if (c == '#') {
                        url.fragment = "";
                        state = State.FRAGMENT;
                    } else if (c == ' ' && (at(pointer + 1) == '?' || at(pointer + 1) == '#')) {
                        url.opaquePath += "%20";
                    } else if (c != EOF) {
                        StringBuilder out = new StringBuilder(url.opaquePath);
                        PercentEncoding.C0_CONTROL.append(out, c);
                        url.opaquePath = out.toString();
                    }
                }
                case QUERY -> {
                    if (c == '#' || c == EOF) {
                        url.query = (url.query == null ? "" : url.query) + buffer;
                        buffer.setLength(0);
                        if (c == '#') {
                            url.fragment = "";
                            state = State.FRAGMENT;
                        }
                    } else {
                        (url.special() ? PercentEncoding.SPECIAL_QUERY : PercentEncoding.QUERY).append(buffer, c);
                    }
                }
                case FRAGMENT -> {
                    if (c != EOF) {
                        StringBuilder out = new StringBuilder(url.fragment);
                        PercentEncoding.FRAGMENT.append(out, c);
                        url.fragment = out.toString();
                    }
                }
                default -> throw new IllegalStateException(state.name());
            }
            if (c == EOF && pointer >= input.length) {
                return url;
            }
        }
    }

    private void relative(int c) {
        url.scheme = base.scheme;
        if (c == '/' || (url.special() && c == '\\')) {
            state = State.RELATIVE_SLASH;
            return;
        }
        url.copyAuthorityFrom(base);
        continueFromBasePath(c);
    }

    /**
     * A relative reference without authority (relative and file states): the base's path and query,
     * then this input's query or fragment, or its path relative to the base's directory.
     */
    private void continueFromBasePath(int c) {
        url.path = new ArrayList<>(base.path);
        url.query = base.query;
        if (c == '?') {
            url.query = "";
            state = State.QUERY;
        } else if (c == '#') {
            url.fragment = "";
            state = State.FRAGMENT;
        } else if (c != EOF) {
            url.query = null;
            shortenPath();
            state = State.PATH;
            pointer--;
        }
    }

    private void authority(int c) {
        if (c == '@') {
            if (atSignSeen) {
                buffer.insert(0, "%40");
            }
            atSignSeen = true;
            StringBuilder user = new StringBuilder(url.username);
            StringBuilder pass = new StringBuilder(url.password);
            buffer.codePoints().forEach(cp -> {
                if (cp == ':' && !passwordTokenSeen) {
                    passwordTokenSeen = true;
                } else {
                    PercentEncoding.USERINFO.append(passwordTokenSeen ? pass : user, cp);
                }
            });
            url.username = user.toString();
            url.password = pass.toString();
            buffer.setLength(0);
        } else if (c == EOF || c == '/' || c == '?' || c == '#' || (url.special() && c == '\\')) {
            pointer -= buffer.codePointCount(0, buffer.length()) + 1;
            buffer.setLength(0);
            state = State.HOST;
        } else {
            buffer.appendCodePoint(c);
        }
    }

    /** The host and file host states; false on failure. */
    private boolean host(int c) {
        boolean file = state == State.FILE_HOST;
        if (!file && c == ':' && !insideBrackets) {
            if (buffer.length() == 0) {
                return false;
            }
            url.host = UrlHost.parse(buffer.toString(), url.special());
            buffer.setLength(0);
            state = State.PORT;
            return url.host != null;
        }
        if (c == EOF || c == '/' || c == '?' || c == '#' || (url.special() && c == '\\')) {
            pointer--;
            if (buffer.length() == 0) {
                if (url.special() && !file) {
                    return false;
                }
                url.host = "";
            } else {
                url.host = UrlHost.parse(buffer.toString(), url.special());
                if (url.host == null) {
                    return false;
                }
                if (file && url.host.equals("localhost")) {
                    url.host = "";
                }
            }
            buffer.setLength(0);
            state = State.PATH_START;
            return true;
        }
        if (c == '[') {
            insideBrackets = true;
        } else if (c == ']') {
            insideBrackets = false;
        }
        buffer.appendCodePoint(c);
        return true;
    }

    private boolean port(int c) {
        if (c >= '0' && c <= '9') {
            buffer.appendCodePoint(c);
            return true;
        }
        if (c == EOF || c == '/' || c == '?' || c == '#' || (url.special() && c == '\\')) {
            if (buffer.length() > 0) {
                if (buffer.length() > 5 || Integer.parseInt(buffer.toString()) > 65535) {
                    return false;
                }
                int port = Integer.parseInt(buffer.toString());
                url.port = port == WhatwgUrl.defaultPort(url.scheme) ? -1 : port;
                buffer.setLength(0);
            }
            state = State.PATH_START;
            pointer--;
            return true;
        }
        return false;
    }

    private void file(int c) {
        url.scheme = "file";
        url.host = "";
        if (c == '/' || c == '\\') {
            state = State.FILE_SLASH;
        } else if (base != null && base.scheme.equals("file")) {
            url.host = base.host;
            continueFromBasePath(c);
        } else {
            state = State.PATH;
            pointer--;
        }
    }

    /** The path state: a segment ends at a slash, '?' or '#' (which start the query or fragment). */
    private void path(int c) {
        boolean slash = isSlash(c);
        if (c != EOF && !slash && c != '?' && c != '#') {
            PercentEncoding.PATH.append(buffer, c);
            return;
        }
        PathSegments.append(url.path, buffer.toString(), slash);
        buffer.setLength(0);
        if (c == '?') {
            url.query = "";
            state = State.QUERY;
        } else if (c == '#') {
            url.fragment = "";
            state = State.FRAGMENT;
        }
    }

    private void shortenPath() {
        PathSegments.shorten(url.path);
    }
}
