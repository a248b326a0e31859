package dev.herald.core.urlpattern;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One compiled component of a URL pattern (the standard's "compile a component"): its part list, the
 * regular expression generated from it, compiled by RE2/J, and the group names. Immutable and
 * thread-safe (RE2/J patterns are).
 */
final class Component {

    private final List<Part> parts;
    private final Pattern regex;
    private final List<String> names;
    private final long size;
    /** The whole component when it is fixed text (compared by equality, no regex run), else null. */
    private final String fixed;
    /** True for {@code *} alone: {@code ^(.*)$} matches any component a URL parser produces (no newline). */
    private final boolean anything;

    private Component(List<Part> parts, Pattern regex, List<String> names, long size) {
        this.parts = parts;
        this.regex = regex;
        this.names = names;
        this.size = size;
        this.fixed = fixedText();
        this.anything = parts.size() == 1 && parts.get(0).type() == Part.Type.FULL_WILDCARD
                && parts.get(0).modifier() == Part.Modifier.NONE && parts.get(0).prefix().isEmpty()
                && parts.get(0).suffix().isEmpty();
    }

    /**
     * Compiles the component, refusing one whose groups exceed {@link UrlPattern#MAX_GROUPS} or whose
     * estimated program exceeds {@link UrlPattern#MAX_PROGRAM_SIZE} before RE2/J compiles anything.
     */
    static Component compile(String input, Canonicalizer encoding, ComponentOptions options) {
        List<Part> parts = List.copyOf(PatternParser.parse(input, options, encoding));
        parts.stream().filter(part -> part.type() == Part.Type.REGEXP)
                .forEach(part -> RegexGenerator.requireSameMeaningInRe2(part.value()));
        RegexGenerator generated = RegexGenerator.generate(parts, options);
        if (generated.names().size() > UrlPattern.MAX_GROUPS) {
            throw new InvalidUrlPatternException("URL pattern too complex: more than " + UrlPattern.MAX_GROUPS
                    + " groups in one component");
        }
        long size = RegexSize.estimate(generated.regex());
        if (size > UrlPattern.MAX_PROGRAM_SIZE) {
            throw new InvalidUrlPatternException("URL pattern too complex: its regular expressions would take "
                    + "more than " + UrlPattern.MAX_PROGRAM_SIZE + " instructions (counted repetitions multiply)");
        }
        Pattern regex;
        try {
            regex = Pattern.compile(generated.regex());
        } catch (PatternSyntaxException e) {
            throw new InvalidUrlPatternException("invalid URL pattern: the regular expression of "
                    + Canonicalizer.quote(input) + " is not valid for RE2 (" + e.getDescription() + "); look-around "
                    + "and back-references are not supported, as matching must stay linear in time");
        }
        if (regex.groupCount() != generated.names().size()) {
            throw new InvalidUrlPatternException("invalid URL pattern: a regular expression group in "
                    + Canonicalizer.quote(input) + " captures; use non-capturing groups (?:...)");
        }
        return new Component(parts, regex, generated.names(), size);
    }

    /**
     * True when the whole component matches. Linear in the input's length (RE2/J); without running the
     * regex for the two common shapes, fixed text (an equality) and {@code *} (true: parsed components
     * hold no line break, the one thing {@code .} does not match).
     */
    boolean matches(CharSequence input) {
        if (anything) {
            return true;
        }
        if (fixed != null) {
            return fixed.contentEquals(input);
        }
        return regex.matcher(input).matches();
    }

    /** The compiled expression: RE2/J's, for tests that the engine is the linear-time one. */
    Pattern regex() {
        return regex;
    }

    /** The groups by name when the component matches (null for a group that took no part), else null. */
    Map<String, String> exec(String input) {
        Matcher matcher = regex.matcher(input);
        if (!matcher.matches()) {
            return null;
        }
        Map<String, String> groups = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            groups.put(names.get(i), matcher.group(i + 1));
        }
        return groups;
    }

    /** The estimated program size ({@link RegexSize}). */
    long size() {
        return size;
    }

    int groupCount() {
        return names.size();
    }

    /** The standard's "protocol component matches a special scheme". */
    boolean matchesSpecialScheme() {
        return WhatwgUrl.SPECIAL_SCHEMES.keySet().stream().anyMatch(regex::matches);
    }

    /** The component's fixed value when it is exactly one text without modifier (or empty), else null. */
    String fixedText() {
        if (parts.isEmpty()) {
            return "";
        }
        Part only = parts.get(0);
        return parts.size() == 1 && only.type() == Part.Type.FIXED_TEXT && only.modifier() == Part.Modifier.NONE
                ? only.value() : null;
    }

    /** The fixed text every match starts with: the leading fixed parts without modifier. */
    String fixedPrefix() {
        StringBuilder prefix = new StringBuilder();
        for (Part part : parts) {
            if (part.type() != Part.Type.FIXED_TEXT || part.modifier() != Part.Modifier.NONE) {
                break;
            }
            prefix.append(part.value());
        }
        return prefix.toString();
    }

    /** Whether a custom regexp group is used (the standard's "has regexp groups"). */
    boolean hasRegexpGroups() {
        return parts.stream().anyMatch(part -> part.type() == Part.Type.REGEXP);
    }
}
