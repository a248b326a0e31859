package dev.herald.core.urlpattern;

import java.util.ArrayList;
import java.util.List;

/**
 * The standard's "generate a regular expression and name list": a part list to one anchored regular
 * expression, written for RE2/J. The standard's expressions are JavaScript's (flag {@code v}); the
 * generated parts are the same in RE2 syntax except {@code [^]} ("any code point"), written
 * {@code (?s:.)} here. Custom groups are passed through: RE2/J rejects what it cannot run in linear time
 * (look-around, back-references) and {@link UrlPattern} reports that as an invalid pattern.
 *
 * @param regex the expression, anchored with {@code ^...$}
 * @param names the group names, in group order
 */
record RegexGenerator(String regex, List<String> names) {

    private static final String REGEXP_SPECIALS = ".+*?^${}()[]|/\\";

    static RegexGenerator generate(List<Part> parts, ComponentOptions options) {
        StringBuilder result = new StringBuilder("^");
        List<String> names = new ArrayList<>();
        for (Part part : parts) {
            if (part.type() == Part.Type.FIXED_TEXT) {
                if (part.modifier() == Part.Modifier.NONE) {
                    result.append(escape(part.value()));
                } else {
                    result.append("(?:").append(escape(part.value())).append(')').append(part.modifier().text);
                }
                continue;
            }
            names.add(part.name());
            String value = switch (part.type()) {
                case SEGMENT_WILDCARD -> segmentWildcard(options);
                case FULL_WILDCARD -> PatternParser.FULL_WILDCARD;
                default -> part.value();
            };
            String modifier = part.modifier().text;
            boolean repeating = part.modifier() == Part.Modifier.ZERO_OR_MORE || part.modifier() == Part.Modifier.ONE_OR_MORE;
            if (part.prefix().isEmpty() && part.suffix().isEmpty()) {
                if (!repeating) {
                    result.append('(').append(value).append(')').append(modifier);
                } else {
                    result.append("((?:").append(value).append(')').append(modifier).append(')');
                }
                continue;
            }
            String prefix = escape(part.prefix());
            String suffix = escape(part.suffix());
            if (!repeating) {
                result.append("(?:").append(prefix).append('(').append(value).append(')').append(suffix).append(')')
                        .append(modifier);
                continue;
            }
            result.append("(?:").append(prefix).append("((?:").append(value).append(")(?:").append(suffix)
                    .append(prefix).append("(?:").append(value).append("))*)").append(suffix).append(')');
            if (part.modifier() == Part.Modifier.ZERO_OR_MORE) {
                result.append('?');
            }
        }
        result.append('$');
        return new RegexGenerator(result.toString(), List.copyOf(names));
    }

    /** The segment wildcard in RE2 syntax: JavaScript's {@code [^]+?} is not valid RE2. */
    private static String segmentWildcard(ComponentOptions options) {
        String wildcard = options.segmentWildcard();
        return wildcard.equals("[^]+?") ? "(?s:.)+?" : wildcard;
    }

    /**
     * Refuses a custom group whose meaning would differ between JavaScript's {@code v} flag and RE2: a
     * {@code [} inside a character class (a nested class there, a literal here) and the class set
     * operators {@code &&} and {@code --}. Better an invalid pattern than one that silently selects
     * other topics than the subscriber meant.
     */
    static void requireSameMeaningInRe2(String regexp) {
        boolean inClass = false;
        for (int i = 0; i < regexp.length(); i++) {
            char c = regexp.charAt(i);
            if (c == '\\') {
                i++;
            } else if (!inClass && c == '[') {
                inClass = true;
                if (i + 1 < regexp.length() && regexp.charAt(i + 1) == '^') {
                    i++;
                }
            } else if (inClass && c == ']') {
                inClass = false;
            } else if (inClass && (c == '[' || ((c == '&' || c == '-') && i + 1 < regexp.length()
                    && regexp.charAt(i + 1) == c))) {
                throw new InvalidUrlPatternException("invalid URL pattern: nested character classes and the "
                        + "class operators && and -- of JavaScript's v flag are not supported, in ("
                        + regexp + ")");
            }
        }
    }

    static String escape(String input) {
        StringBuilder out = new StringBuilder(input.length());
        for (int i = 0; i < input.length(); i++) {
            char c = input.charAt(i);
            if (REGEXP_SPECIALS.indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }
}
