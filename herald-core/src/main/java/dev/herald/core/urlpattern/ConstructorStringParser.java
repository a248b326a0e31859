package dev.herald.core.urlpattern;

import dev.herald.core.urlpattern.Token.Type;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The standard's "parse a constructor string": a whole pattern such as
 * {@code https://example.com/books/:id} split into its component patterns (a map from
 * {@code protocol}, {@code username}, ... {@code hash} to pattern strings; absent components are
 * wildcards or inherited from the base URL later). Tokens come from the lenient tokenizer, so syntax
 * errors surface when each component is compiled.
 */
final class ConstructorStringParser {

    private enum State { INIT, PROTOCOL, AUTHORITY, USERNAME, PASSWORD, HOSTNAME, PORT, PATHNAME, SEARCH, HASH, DONE }

    private final String input;
    private final int[] codePoints;
    private final List<Token> tokens;
    private final Map<String, String> result = new HashMap<>();
    private int componentStart;
    private int tokenIndex;
    private int tokenIncrement = 1;
    private int groupDepth;
    private int ipv6BracketDepth;
    private boolean protocolMatchesSpecialScheme;
    private State state = State.INIT;

    private ConstructorStringParser(String input) {
        this.input = input;
        this.codePoints = input.codePoints().toArray();
        this.tokens = Tokenizer.tokenize(input, Tokenizer.Policy.LENIENT);
    }

    static Map<String, String> parse(String input) {
        return new ConstructorStringParser(input).run();
    }

    private Map<String, String> run() {
        while (tokenIndex < tokens.size()) {
            tokenIncrement = 1;
            if (tokens.get(tokenIndex).type() == Type.END) {
                if (state == State.INIT) {
                    rewind();
                    if (isNonSpecialPatternChar(tokenIndex, "#")) {
                        changeState(State.HASH, 1);
                    } else if (isSearchPrefix()) {
                        changeState(State.SEARCH, 1);
                    } else {
                        changeState(State.PATHNAME, 0);
                    }
                    tokenIndex += tokenIncrement;
                    continue;
                }
                if (state == State.AUTHORITY) {
                    rewind();
                    state = State.HOSTNAME;
                    tokenIndex += tokenIncrement;
                    continue;
                }
                changeState(State.DONE, 0);
                break;
            }
            if (tokens.get(tokenIndex).type() == Type.OPEN) {
                groupDepth++;
                tokenIndex += tokenIncrement;
                continue;
            }
            if (groupDepth > 0) {
                if (tokens.get(tokenIndex).type() == Type.CLOSE) {
                    groupDepth--;
                } else {
                    tokenIndex += tokenIncrement;
                    continue;
                }
            }
            step();
            tokenIndex += tokenIncrement;
        }
        if (result.containsKey("hostname") && !result.containsKey("port")) {
            result.put("port", ""); // a hostname without a port means the default port
        }
        return result;
    }

    private void step() {
        switch (state) {
            case INIT -> {
                if (isNonSpecialPatternChar(tokenIndex, ":")) {
                    rewind();
                    state = State.PROTOCOL;
                }
            }
            case PROTOCOL -> {
                if (isNonSpecialPatternChar(tokenIndex, ":")) {
                    computeProtocolMatchesSpecialScheme();
                    State next = State.PATHNAME;
                    int skip = 1;
                    if (isNonSpecialPatternChar(tokenIndex + 1, "/") && isNonSpecialPatternChar(tokenIndex + 2, "/")) {
                        next = State.AUTHORITY;
                        skip = 3;
                    } else if (protocolMatchesSpecialScheme) {
                        next = State.AUTHORITY;
                    }
                    changeState(next, skip);
                }
            }
            case AUTHORITY -> {
                if (isNonSpecialPatternChar(tokenIndex, "@")) {
                    rewind();
                    state = State.USERNAME;
                } else if (isNonSpecialPatternChar(tokenIndex, "/") || isSearchPrefix()
                        || isNonSpecialPatternChar(tokenIndex, "#")) {
                    rewind();
                    state = State.HOSTNAME;
                }
            }
            case USERNAME -> {
                if (isNonSpecialPatternChar(tokenIndex, ":")) {
                    changeState(State.PASSWORD, 1);
                } else if (isNonSpecialPatternChar(tokenIndex, "@")) {
                    changeState(State.HOSTNAME, 1);
                }
            }
            case PASSWORD -> {
                if (isNonSpecialPatternChar(tokenIndex, "@")) {
                    changeState(State.HOSTNAME, 1);
                }
            }
            case HOSTNAME -> {
                if (isNonSpecialPatternChar(tokenIndex, "[")) {
                    ipv6BracketDepth++;
                } else if (isNonSpecialPatternChar(tokenIndex, "]")) {
                    ipv6BracketDepth--;
                } else if (isNonSpecialPatternChar(tokenIndex, ":") && ipv6BracketDepth == 0) {
                    changeState(State.PORT, 1);
                } else if (isNonSpecialPatternChar(tokenIndex, "/")) {
                    changeState(State.PATHNAME, 0);
                } else if (isSearchPrefix()) {
                    changeState(State.SEARCH, 1);
                } else if (isNonSpecialPatternChar(tokenIndex, "#")) {
                    changeState(State.HASH, 1);
                }
            }
            case PORT -> {
                if (isNonSpecialPatternChar(tokenIndex, "/")) {
                    changeState(State.PATHNAME, 0);
                } else if (isSearchPrefix()) {
                    changeState(State.SEARCH, 1);
                } else if (isNonSpecialPatternChar(tokenIndex, "#")) {
                    changeState(State.HASH, 1);
                }
            }
            case PATHNAME -> {
                if (isSearchPrefix()) {
                    changeState(State.SEARCH, 1);
                } else if (isNonSpecialPatternChar(tokenIndex, "#")) {
                    changeState(State.HASH, 1);
                }
            }
            case SEARCH -> {
                if (isNonSpecialPatternChar(tokenIndex, "#")) {
                    changeState(State.HASH, 1);
                }
            }
            case HASH -> { }
            default -> throw new IllegalStateException(state.name());
        }
    }

    private static String key(State state) {
        return state.name().toLowerCase(java.util.Locale.ROOT);
    }

    private void changeState(State newState, int skip) {
        if (state != State.INIT && state != State.AUTHORITY && state != State.DONE) {
            result.put(key(state), makeComponentString());
        }
        if (state != State.INIT && newState != State.DONE) {
            boolean beforeHostname = state == State.PROTOCOL || state == State.AUTHORITY || state == State.USERNAME
                    || state == State.PASSWORD;
            boolean beforePathname = beforeHostname || state == State.HOSTNAME || state == State.PORT;
            if (beforeHostname && (newState == State.PORT || newState == State.PATHNAME || newState == State.SEARCH
                    || newState == State.HASH) && !result.containsKey("hostname")) {
                result.put("hostname", "");
            }
            if (beforePathname && (newState == State.SEARCH || newState == State.HASH) && !result.containsKey("pathname")) {
                result.put("pathname", protocolMatchesSpecialScheme ? "/" : "");
            }
            if ((beforePathname || state == State.PATHNAME) && newState == State.HASH && !result.containsKey("search")) {
                result.put("search", "");
            }
        }
        state = newState;
        tokenIndex += skip;
        componentStart = tokenIndex;
        tokenIncrement = 0;
    }

    private void rewind() {
        tokenIndex = componentStart;
        tokenIncrement = 0;
    }

    private Token safeToken(int index) {
        return index < tokens.size() ? tokens.get(index) : tokens.get(tokens.size() - 1);
    }

    private boolean isNonSpecialPatternChar(int index, String value) {
        Token token = safeToken(index);
        return token.value().equals(value)
                && (token.type() == Type.CHAR || token.type() == Type.ESCAPED_CHAR || token.type() == Type.INVALID_CHAR);
    }

    private boolean isSearchPrefix() {
        if (isNonSpecialPatternChar(tokenIndex, "?")) {
            return true;
        }
        if (!tokens.get(tokenIndex).value().equals("?")) {
            return false;
        }
        if (tokenIndex - 1 < 0) {
            return true;
        }
        Type previous = safeToken(tokenIndex - 1).type();
        return previous != Type.NAME && previous != Type.REGEXP && previous != Type.CLOSE && previous != Type.ASTERISK;
    }

    private String makeComponentString() {
        int start = safeToken(componentStart).index();
        int end = tokens.get(tokenIndex).index();
        return new String(codePoints, start, end - start);
    }

    private void computeProtocolMatchesSpecialScheme() {
        Component protocol = Component.compile(makeComponentString(), Canonicalizer.PROTOCOL, ComponentOptions.DEFAULT);
        protocolMatchesSpecialScheme = protocol.matchesSpecialScheme();
    }

    @Override
    public String toString() {
        return "ConstructorStringParser[" + input + "]";
    }
}
