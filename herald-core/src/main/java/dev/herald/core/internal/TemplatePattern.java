package dev.herald.core.internal;

import dev.herald.core.internal.UriTemplate.Expression;
import dev.herald.core.internal.UriTemplate.Literal;
import dev.herald.core.internal.UriTemplate.Part;
import dev.herald.core.internal.UriTemplate.VarSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Compiles a {@link UriTemplate} into a regular expression accepting the strings that some assignment
 * of its variables expands to (RFC 6570 section 3.2): each variable undefined, a string, a list or an
 * associative array, as the operator and modifiers allow. The expansion alphabet is what drives
 * precision: a value expands to unreserved characters (plus reserved ones for {@code +} and
 * {@code #}) and pct-encoded triplets, so {@code {id}} never spans a raw {@code / ? # ,}.
 *
 * <p>Deliberate approximations, each toward what real publishers send:
 * <ul>
 *   <li>any pct-encoded triplet is accepted in a value, also ones the RFC would not have produced
 *       ({@code %41} for {@code A}); hex digits in either case;</li>
 *   <li>a prefix {@code :n} counts a pct-encoded UTF-8 character as one character, as the RFC does,
 *       but also counts a triplet that {@code +}/{@code #} passed through from the value as one (the
 *       RFC counts its three characters);</li>
 *   <li>a variable named twice ({@code {x}/{x}}) is matched independently at each place, where the RFC
 *       would require the same value;</li>
 *   <li>literals are matched as written, non-ASCII ones too: Mercure topics are IRIs, while an RFC
 *       expansion would pct-encode them;</li>
 *   <li>a template whose pattern would exceed {@link #MAX_PATTERN_LENGTH} is not compiled (it then
 *       matches by equality only), so a subscriber cannot make the hub hold huge patterns; only an
 *       unnamed expression mixing prefixed, exploded and plain variables grows quadratically;</li>
 *   <li>a topic with several hundred exploded pairs ({@code {?q*}}, {@code {;p*}}), or a prefix
 *       {@code {x:n}} matching over about a thousand characters, may exhaust java.util.regex's stack
 *       (~600 pairs on a 1 MB thread stack) and then does not match (see {@link TemplateMatcher});
 *       values, lists and path segments of any length are fine, they repeat one character class.</li>
 * </ul>
 */
public final class TemplatePattern {

    /**
     * Covers any hand-written template: a 40-variable {@code {?...}} is ~2,400 characters, a
     * seven-variable mixed {@code {a,b:1,c*,d,e:2,f,g}} ~2,200. Heap is ~22 B per character.
     */
    public static final int MAX_PATTERN_LENGTH = 4_096;

    private static final String HEX = "\\p{XDigit}";
    /** One pct-encoded UTF-8 character: a lead octet and its continuation octets. */
    private static final String ENCODED_CHARACTER = "(?:%[0-7]" + HEX + "|%[CcDd]" + HEX + "%[89ABab]" + HEX
            + "|%[Ee]" + HEX + "(?:%[89ABab]" + HEX + "){2}|%[Ff][0-7](?:%[89ABab]" + HEX + "){3})";
    /** Character-class bodies: unreserved, and reserved (gen-delims and sub-delims) escaped for a class. */
    private static final String UNRESERVED = "\\w.~\\-";
    private static final String UNRESERVED_BUT_DOT = "\\w~\\-";
    private static final String RESERVED = ":/?#\\[\\]@!$\\&'()*+,;=";
    /** A value never ends inside a pct-encoded triplet (see {@link #run}). */
    private static final String NOT_MID_TRIPLET = "(?<!%" + HEX + "?)";

    private TemplatePattern() {}

    /** The pattern, or empty when it would be longer than {@link #MAX_PATTERN_LENGTH}. */
    public static Optional<Pattern> compile(UriTemplate template) {
        return compile(template, false);
    }

    /**
     * The pattern without the template's leading literal, for matching the region of a topic after that
     * literal, which the caller has checked ({@link LiteralParts#admits}) and must match with transparent
     * bounds (the look-behinds may look into it). Empty when the whole pattern would be longer than
     * {@link #MAX_PATTERN_LENGTH}, exactly as {@link #compile(UriTemplate)}. Leaving the prefix out saves
     * ~0.8 KB per template: java.util.regex builds a Boyer-Moore table (an int[128] and more) for a
     * pattern that starts with a literal, which a whole-topic match never uses.
     */
    public static Optional<Pattern> compileAfterPrefix(UriTemplate template) {
        return compile(template, true);
    }

    private static Optional<Pattern> compile(UriTemplate template, boolean skipPrefix) {
        StringBuilder regex = new StringBuilder();
        int skipped = 0;
        List<Part> parts = template.parts();
        for (int i = 0; i < parts.size(); i++) {
            Part part = parts.get(i);
            if (part instanceof Literal literal) {
                String quoted = Pattern.quote(literal.text());
                if (i == 0 && skipPrefix) {
                    skipped = quoted.length();
                } else {
                    regex.append(quoted);
                }
            } else if (part instanceof Expression expression) {
                regex.append(expression(expression));
            }
            if (skipped + regex.length() > MAX_PATTERN_LENGTH) {
                return Optional.empty();
            }
        }
        return Optional.of(Pattern.compile(regex.toString()));
    }

    /**
     * An expression: the defined variables (any subset, in order) each preceded by the operator's
     * {@code first} for the first of them and its {@code sep} for the others; nothing when none is.
     */
    private static String expression(Expression expression) {
        TemplateOperator op = expression.operator();
        List<String> items = new ArrayList<>();
        for (VarSpec variable : expression.variables()) {
            items.add(op.named() ? namedItem(op, variable) : item(op, variable));
        }
        String first = quote(op.first());
        String sep = quote(op.separator());
        boolean allSame = items.stream().distinct().count() == 1;
        String item = items.get(0);
        if (allSame && joinsIntoItself(op, expression.variables())) {
            // {x,y} = {x}: joining values of this language with sep gives the same language.
            return optionalAfter(first, item);
        }
        if (op.first().equals(op.separator())) {
            StringBuilder out = new StringBuilder();
            items.forEach(each -> out.append(optional(sep + each)));
            return out.toString();
        }
        if (op.named()) {
            // '?': the first defined variable follows the '?', the others a '&'. Names and values never
            // hold a '?', so a look-behind tells the first apart: no alternative per variable is needed.
            String slotSeparator = "(?:(?<=" + first + ")|(?<!" + first + ")" + sep + ")";
            StringBuilder slots = new StringBuilder();
            items.forEach(each -> slots.append(optional(slotSeparator + each)));
            return optional(first + slots + "(?<!" + first + ")"); // and a '?' only before a variable
        }
        if (allSame) {
            int more = items.size() - 1;
            return optionalAfter(first, item + (more == 0 ? "" : "(?:" + sep + item + "){0," + more + "}"));
        }
        // {x,y:3}, {x*,y}: unnamed, first != sep, different kinds. One alternative per variable that
        // may come first, so the size is quadratic in the variables; MAX_PATTERN_LENGTH bounds it.
        List<String> alternatives = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            StringBuilder alternative = new StringBuilder(items.get(i));
            for (int j = i + 1; j < items.size(); j++) {
                alternative.append(optional(sep + items.get(j)));
            }
            alternatives.add(alternative.toString());
        }
        return optionalAfter(first, "(?:" + String.join("|", alternatives) + ")");
    }

    /** True when each item is a free run over an alphabet holding the separator. */
    private static boolean joinsIntoItself(TemplateOperator op, List<VarSpec> variables) {
        if (op.named() || op == TemplateOperator.PATH_SEGMENT) {
            return false;
        }
        return variables.stream().allMatch(v -> v.maxLength() == 0 && (!v.explode() || op.allowReserved()));
    }

    /** What an unnamed operator writes for a defined variable. */
    private static String item(TemplateOperator op, VarSpec variable) {
        String allowed = allowed(op);
        if (variable.maxLength() > 0) {
            return prefix(allowed, 0, variable.maxLength());
        }
        if (!variable.explode() || op.allowReserved()) {
            // A string, or list members / map keys and values joined by ',' (reserved, so encoded in values).
            return run(allowed + ",");
        }
        String value = run(allowed);
        String sep = quote(op.separator());
        if (op == TemplateOperator.LABEL) {
            // '.' is unreserved, so a list joined by '.' is any value; in a map the text between two
            // '=' is "value.key" and must hold a '.': take the first one (no ambiguity to backtrack on).
            return "(?:" + value + "|" + value + "=(?:" + run(UNRESERVED_BUT_DOT) + "\\." + value + "=)*" + value + ")";
        }
        // A list's members joined by sep are any run over the class plus sep (one class: no recursion).
        String list = run(allowed + sep);
        String map = value + "=" + value + "(?:" + sep + value + "=" + value + ")*";
        return "(?:" + list + "|" + map + ")";
    }

    /** What {@code ;}, {@code ?} and {@code &} write for a defined variable: name=value pairs. */
    private static String namedItem(TemplateOperator op, VarSpec variable) {
        String allowed = allowed(op);
        String name = quote(variable.name());
        boolean bareWhenEmpty = op.ifEmpty().isEmpty(); // ";x" for an empty x, where '?' writes "x="
        if (variable.maxLength() > 0) {
            return bareWhenEmpty
                    ? name + "(?:=" + prefix(allowed, 1, variable.maxLength()) + ")?"
                    : name + "=" + prefix(allowed, 0, variable.maxLength());
        }
        if (!variable.explode()) {
            String joined = run(allowed + ",");
            return bareWhenEmpty ? name + "(?:=" + joined + ")?" : name + "=" + joined;
        }
        // Exploded: one pair per list member (named after the variable) or per map entry (any key), so
        // the variable's own name need not appear at all.
        String value = run(allowed);
        String pair = bareWhenEmpty ? value + "(?:=" + nonEmptyRun(allowed) + ")?" : value + "=" + value;
        return pair + "(?:" + quote(op.separator()) + pair + ")*";
    }

    private static String allowed(TemplateOperator op) {
        return op.allowReserved() ? UNRESERVED + RESERVED : UNRESERVED;
    }

    /**
     * Any string over the class and pct-encoded triplets. The caller has already refused topics with a
     * '%' that does not start a triplet ({@link TemplateMatcher}), so '%' can join the class and the
     * run stays one character class, which java.util.regex repeats iteratively (a group such as
     * {@code (?:[c]|%XX)*} recurses once per iteration and overflows the stack on long topics). The
     * look-behind keeps a value from ending inside a triplet that a following literal would finish.
     */
    private static String run(String classBody) {
        return "[" + classBody + "%]*" + NOT_MID_TRIPLET;
    }

    private static String nonEmptyRun(String classBody) {
        return "[" + classBody + "%]+" + NOT_MID_TRIPLET;
    }

    /** min..max characters of a value, an encoded UTF-8 character counting as one. */
    private static String prefix(String classBody, int min, int max) {
        return "(?:[" + classBody + "]|" + ENCODED_CHARACTER + "){" + min + "," + max + "}";
    }

    /**
     * The whole expression, optional since every variable may be undefined. Without a {@code first}
     * the group is left out: unnamed values may be empty, so the expansion may already be empty.
     */
    private static String optionalAfter(String first, String expansion) {
        return first.isEmpty() ? expansion : optional(first + expansion);
    }

    private static String optional(String regex) {
        return "(?:" + regex + ")?";
    }

    /** Escapes an ASCII operator character or variable name (letters and digits need none). */
    private static String quote(String ascii) {
        StringBuilder out = new StringBuilder(ascii.length() * 2);
        for (int i = 0; i < ascii.length(); i++) {
            char c = ascii.charAt(i);
            if (!Character.isLetterOrDigit(c)) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }
}
