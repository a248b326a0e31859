package dev.herald.core.internal;

import dev.herald.core.internal.UriTemplate.Literal;
import dev.herald.core.internal.UriTemplate.Part;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The literal text of a URI template around and between its expressions: what every expansion must
 * contain, in order. {@link TemplatePattern} quotes literals as written, so a topic that does not start
 * with the {@link #prefix}, end with the {@link #suffix} and hold the {@link #middle} pieces in order
 * between them cannot match the template: {@link #admits} says so in a few string comparisons, before
 * any regex runs, and the dispatcher indexes templates by prefix and suffix.
 *
 * @param prefix the literal before the first expression; empty when the template starts with one
 * @param middle the literals between expressions, in template order
 * @param suffix the literal after the last expression; empty when the template ends with one
 */
public record LiteralParts(String prefix, List<String> middle, String suffix) {

    public LiteralParts {
        Objects.requireNonNull(prefix, "prefix");
        middle = List.copyOf(Objects.requireNonNull(middle, "middle"));
        Objects.requireNonNull(suffix, "suffix");
    }

    /** The literal parts of a parsed template (which has at least one expression). */
    public static LiteralParts of(UriTemplate template) {
        List<Part> parts = template.parts();
        int first = 0;
        int last = parts.size();
        String prefix = "";
        String suffix = "";
        if (parts.get(0) instanceof Literal literal) {
            prefix = literal.text();
            first = 1;
        }
        if (last > first && parts.get(last - 1) instanceof Literal literal) {
            suffix = literal.text();
            last--;
        }
        List<String> middle = new ArrayList<>();
        for (Part part : parts.subList(first, last)) {
            if (part instanceof Literal literal) {
                middle.add(literal.text());
            }
        }
        return new LiteralParts(prefix, middle, suffix);
    }

    /**
     * False when the topic cannot be an expansion: it lacks the prefix, the suffix, or a middle piece in
     * order between them. True says nothing more than that the regex must decide. Costs a few
     * {@code startsWith}/{@code indexOf} calls: nanoseconds for a typical topic.
     */
    public boolean admits(String topic) {
        int end = topic.length() - suffix.length();
        if (end < prefix.length() || !topic.startsWith(prefix) || !topic.endsWith(suffix)) {
            return false;
        }
        int from = prefix.length();
        for (String piece : middle) {
            // The leftmost occurrence leaves the most room for the pieces after it.
            int at = topic.indexOf(piece, from);
            if (at < 0 || at + piece.length() > end) {
                return false;
            }
            from = at + piece.length();
        }
        return true;
    }
}
