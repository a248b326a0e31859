package dev.herald.core.urlpattern;

import dev.herald.core.urlpattern.Token.Type;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The standard's "parse a pattern string": a component's pattern string to its part list. Fixed text
 * goes through the component's encoding callback as it is collected.
 */
final class PatternParser {

    /** The standard's full wildcard regexp value. */
    static final String FULL_WILDCARD = ".*";

    private final List<Token> tokens;
    private final Canonicalizer encoding;
    private final String segmentWildcard;
    private final String prefixCodePoint;
    private final List<Part> parts = new ArrayList<>();
    private final Set<String> names = new HashSet<>();
    private final StringBuilder pendingFixed = new StringBuilder();
    private int index;
    private int nextNumericName;

    private PatternParser(String input, ComponentOptions options, Canonicalizer encoding) {
        this.tokens = Tokenizer.tokenize(input, Tokenizer.Policy.STRICT);
        this.encoding = encoding;
        this.segmentWildcard = options.segmentWildcard();
        this.prefixCodePoint = options.prefix();
    }

    static List<Part> parse(String input, ComponentOptions options, Canonicalizer encoding) {
        return new PatternParser(input, options, encoding).run();
    }

    private List<Part> run() {
        while (index < tokens.size()) {
            Token charToken = tryConsume(Type.CHAR);
            Token nameToken = tryConsume(Type.NAME);
            Token regexpOrWildcard = tryConsumeRegexpOrWildcard(nameToken);
            if (nameToken != null || regexpOrWildcard != null) {
                String prefix = charToken == null ? "" : charToken.value();
                if (!prefix.isEmpty() && !prefix.equals(prefixCodePoint)) {
                    pendingFixed.append(prefix);
                    prefix = "";
                }
                addPendingFixed();
                Token modifier = tryConsumeModifier();
                addPart(prefix, nameToken, regexpOrWildcard, "", modifier);
                continue;
            }
            Token fixed = charToken != null ? charToken : tryConsume(Type.ESCAPED_CHAR);
            if (fixed != null) {
                pendingFixed.append(fixed.value());
                continue;
            }
            Token open = tryConsume(Type.OPEN);
            if (open != null) {
                String prefix = consumeText();
                nameToken = tryConsume(Type.NAME);
                regexpOrWildcard = tryConsumeRegexpOrWildcard(nameToken);
                String suffix = consumeText();
                consumeRequired(Type.CLOSE, "a '{' group is not closed by '}'");
                Token modifier = tryConsumeModifier();
                addPart(prefix, nameToken, regexpOrWildcard, suffix, modifier);
                continue;
            }
            addPendingFixed();
            consumeRequired(Type.END, "unexpected '" + tokens.get(index).value() + "'");
        }
        return parts;
    }

    private Token tryConsume(Type type) {
        Token next = tokens.get(index);
        if (next.type() != type) {
            return null;
        }
        index++;
        return next;
    }

    private Token tryConsumeModifier() {
        Token token = tryConsume(Type.OTHER_MODIFIER);
        return token != null ? token : tryConsume(Type.ASTERISK);
    }

    private Token tryConsumeRegexpOrWildcard(Token nameToken) {
        Token token = tryConsume(Type.REGEXP);
        if (nameToken == null && token == null) {
            token = tryConsume(Type.ASTERISK);
        }
        return token;
    }

    private void consumeRequired(Type type, String reason) {
        if (tryConsume(type) == null) {
            throw new InvalidUrlPatternException("invalid URL pattern: " + reason);
        }
    }

    private String consumeText() {
        StringBuilder result = new StringBuilder();
        while (true) {
            Token token = tryConsume(Type.CHAR);
            if (token == null) {
                token = tryConsume(Type.ESCAPED_CHAR);
            }
            if (token == null) {
                return result.toString();
            }
            result.append(token.value());
        }
    }

    private void addPendingFixed() {
        if (pendingFixed.length() == 0) {
            return;
        }
        String encoded = encoding.canonicalize(pendingFixed.toString());
        pendingFixed.setLength(0);
        parts.add(Part.fixed(encoded, Part.Modifier.NONE));
    }

    private void addPart(String prefix, Token nameToken, Token regexpOrWildcard, String suffix, Token modifierToken) {
        Part.Modifier modifier = Part.Modifier.of(modifierToken);
        if (nameToken == null && regexpOrWildcard == null && modifier == Part.Modifier.NONE) {
            pendingFixed.append(prefix); // a "{foo}" group: plain text
            return;
        }
        addPendingFixed();
        if (nameToken == null && regexpOrWildcard == null) {
            if (!prefix.isEmpty()) {
                parts.add(Part.fixed(encoding.canonicalize(prefix), modifier));
            }
            return;
        }
        String regexpValue;
        if (regexpOrWildcard == null) {
            regexpValue = segmentWildcard;
        } else if (regexpOrWildcard.type() == Type.ASTERISK) {
            regexpValue = FULL_WILDCARD;
        } else {
            regexpValue = regexpOrWildcard.value();
        }
        Part.Type type = Part.Type.REGEXP;
        if (regexpValue.equals(segmentWildcard)) {
            type = Part.Type.SEGMENT_WILDCARD;
            regexpValue = "";
        } else if (regexpValue.equals(FULL_WILDCARD)) {
            type = Part.Type.FULL_WILDCARD;
            regexpValue = "";
        }
        String name;
        if (nameToken != null) {
            name = nameToken.value();
        } else {
            name = Integer.toString(nextNumericName++);
        }
        if (!names.add(name)) {
            throw new InvalidUrlPatternException("invalid URL pattern: the group name '" + name + "' is used twice");
        }
        if (names.size() > UrlPattern.MAX_GROUPS) {
            throw new InvalidUrlPatternException("URL pattern too complex: more than " + UrlPattern.MAX_GROUPS
                    + " groups in one component");
        }
        parts.add(new Part(type, regexpValue, modifier, name, encoding.canonicalize(prefix),
                encoding.canonicalize(suffix)));
    }
}
