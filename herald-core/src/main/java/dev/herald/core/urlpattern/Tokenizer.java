package dev.herald.core.urlpattern;

import dev.herald.core.urlpattern.Token.Type;
import java.util.ArrayList;
import java.util.List;

/**
 * The standard's "tokenize" algorithm: a pattern string to a list of tokens ending with {@code END}.
 * The strict policy (component patterns) throws on an error; the lenient one (constructor strings)
 * turns the offending code point into an {@code INVALID_CHAR} token. One pass over the input: at most
 * one token per code point, plus the end.
 */
final class Tokenizer {

    enum Policy { STRICT, LENIENT }

    private final int[] input;
    private final Policy policy;
    private final List<Token> tokens = new ArrayList<>();
    private int index;
    private int nextIndex;
    private int codePoint;

    private Tokenizer(String input, Policy policy) {
        this.input = input.codePoints().toArray();
        this.policy = policy;
    }

    static List<Token> tokenize(String input, Policy policy) {
        return new Tokenizer(input, policy).run();
    }

    private List<Token> run() {
        while (index < input.length) {
            seek(index);
            switch (codePoint) {
                case '*' -> add(Type.ASTERISK);
                case '+', '?' -> add(Type.OTHER_MODIFIER);
                case '\\' -> escaped();
                case '{' -> add(Type.OPEN);
                case '}' -> add(Type.CLOSE);
                case ':' -> name();
                case '(' -> regexp();
                default -> add(Type.CHAR);
            }
        }
        add(Type.END, index, index, 0);
        return tokens;
    }

    private void escaped() {
        if (index == input.length - 1) {
            error(nextIndex, index, "a pattern cannot end with a backslash");
            return;
        }
        int escapedIndex = nextIndex;
        next();
        add(Type.ESCAPED_CHAR, nextIndex, escapedIndex, nextIndex - escapedIndex);
    }

    private void name() {
        int position = nextIndex;
        int start = position;
        while (position < input.length) {
            seek(position);
            if (!isNameCodePoint(codePoint, position == start)) {
                break;
            }
            position = nextIndex;
        }
        if (position <= start) {
            error(start, index, "':' must be followed by a group name");
            return;
        }
        add(Type.NAME, position, start, position - start);
    }

    private void regexp() {
        int depth = 1;
        int position = nextIndex;
        int start = position;
        while (position < input.length) {
            seek(position);
            if (codePoint > 0x7F) {
                error(start, index, "a regular expression group may hold only ASCII characters");
                return;
            }
            if (position == start && codePoint == '?') {
                error(start, index, "a regular expression group cannot start with '?'");
                return;
            }
            if (codePoint == '\\') {
                if (position == input.length - 1) {
                    error(start, index, "a regular expression group cannot end with a backslash");
                    return;
                }
                next();
                if (codePoint > 0x7F) {
                    error(start, index, "a regular expression group may hold only ASCII characters");
                    return;
                }
                position = nextIndex;
                continue;
            }
            if (codePoint == ')') {
                depth--;
                if (depth == 0) {
                    position = nextIndex;
                    break;
                }
            } else if (codePoint == '(') {
                depth++;
                if (position == input.length - 1) {
                    error(start, index, "a regular expression group is not closed");
                    return;
                }
                int temporary = nextIndex;
                next();
                if (codePoint != '?') {
                    error(start, index, "a capturing group inside a regular expression group must be "
                            + "non-capturing: write (?:...)");
                    return;
                }
                nextIndex = temporary;
            }
            position = nextIndex;
        }
        if (depth != 0) {
            error(start, index, "a regular expression group is not closed");
            return;
        }
        int length = position - start - 1;
        if (length == 0) {
            error(start, index, "a regular expression group cannot be empty");
            return;
        }
        add(Type.REGEXP, position, start, length);
    }

    private void next() {
        codePoint = input[nextIndex];
        nextIndex++;
    }

    private void seek(int at) {
        nextIndex = at;
        next();
    }

    private void add(Type type) {
        add(type, nextIndex, index, nextIndex - index);
    }

    private void add(Type type, int nextPosition, int valuePosition, int valueLength) {
        tokens.add(new Token(type, index, new String(input, valuePosition, valueLength)));
        index = nextPosition;
    }

    private void error(int nextPosition, int valuePosition, String reason) {
        if (policy == Policy.STRICT) {
            throw new InvalidUrlPatternException("invalid URL pattern: " + reason + " (at character "
                    + (valuePosition + 1) + " of \"" + new String(input, 0, input.length) + "\")");
        }
        add(Type.INVALID_CHAR, nextPosition, valuePosition, nextPosition - valuePosition);
    }

    /** JavaScript's IdentifierStart / IdentifierPart: ID_Start or ID_Continue, '$', '_', ZWNJ, ZWJ. */
    static boolean isNameCodePoint(int c, boolean first) {
        if (c == '$' || c == '_') {
            return true;
        }
        if (first) {
            return Character.isUnicodeIdentifierStart(c) && c != '_';
        }
        if (c == 0x200C || c == 0x200D) {
            return true;
        }
        return Character.isUnicodeIdentifierPart(c) && !Character.isIdentifierIgnorable(c);
    }
}
