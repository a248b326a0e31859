package dev.herald.core.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A URI template parsed by the grammar of RFC 6570 section 2 (all four levels): literals and
 * {@code {op var:n,list*}} expressions. Parsing is strict because a text that is not a valid template
 * must keep matching by equality only: a stray brace, an operator reserved for extensions
 * ({@code = , ! @ |}), a bad variable name, a prefix length outside 1..9999, a space or another
 * character the grammar leaves out of literals all make {@link #parse} answer empty.
 *
 * @param parts the literals and expressions in template order; at least one expression
 */
public record UriTemplate(List<Part> parts) {

    public UriTemplate {
        parts = List.copyOf(Objects.requireNonNull(parts, "parts"));
    }

    /** A piece of a template. */
    public sealed interface Part permits Literal, Expression {}

    /** Text copied as written, pct-encoded triplets included. */
    public record Literal(String text) implements Part {}

    /** One {@code {...}}: an operator and one or more variables. */
    public record Expression(TemplateOperator operator, List<VarSpec> variables) implements Part {
        public Expression {
            variables = List.copyOf(variables);
        }
    }

    /**
     * One variable of an expression.
     *
     * @param maxLength the prefix modifier {@code :n}, 0 when absent
     * @param explode the explode modifier {@code *}
     */
    public record VarSpec(String name, int maxLength, boolean explode) {}

    /** The template, or empty when the text has no expression or is not a valid RFC 6570 template. */
    public static Optional<UriTemplate> parse(String text) {
        Objects.requireNonNull(text, "text");
        List<Part> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        boolean hasExpression = false;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '{') {
                int close = text.indexOf('}', i + 1);
                Expression expression = close < 0 ? null : expression(text.substring(i + 1, close));
                if (expression == null) {
                    return Optional.empty();
                }
                if (literal.length() > 0) {
                    parts.add(new Literal(literal.toString()));
                    literal.setLength(0);
                }
                parts.add(expression);
                hasExpression = true;
                i = close + 1;
            } else if (c == '%') {
                if (!isPctEncoded(text, i)) {
                    return Optional.empty();
                }
                literal.append(text, i, i + 3);
                i += 3;
            } else {
                int codePoint = text.codePointAt(i);
                if (!isLiteral(codePoint)) {
                    return Optional.empty(); // also a '}' with no '{' before it
                }
                literal.appendCodePoint(codePoint);
                i += Character.charCount(codePoint);
            }
        }
        if (literal.length() > 0) {
            parts.add(new Literal(literal.toString()));
        }
        return hasExpression ? Optional.of(new UriTemplate(parts)) : Optional.empty();
    }

    /** {@code [operator] varspec *("," varspec)}, or null when invalid. */
    private static Expression expression(String body) {
        if (body.isEmpty() || TemplateOperator.isReservedForExtension(body.charAt(0))) {
            return null;
        }
        TemplateOperator operator = TemplateOperator.of(body.charAt(0));
        String list = operator == TemplateOperator.SIMPLE ? body : body.substring(1);
        List<VarSpec> variables = new ArrayList<>();
        for (String spec : list.split(",", -1)) { // -1 keeps empty specs, so "{a,}" is rejected
            VarSpec variable = varSpec(spec);
            if (variable == null) {
                return null;
            }
            variables.add(variable);
        }
        return new Expression(operator, variables);
    }

    /** {@code varname [ ":" max-length / "*" ]}, or null when invalid. */
    private static VarSpec varSpec(String spec) {
        if (spec.endsWith("*")) {
            String name = spec.substring(0, spec.length() - 1);
            return isVarName(name) ? new VarSpec(name, 0, true) : null;
        }
        int colon = spec.indexOf(':');
        if (colon < 0) {
            return isVarName(spec) ? new VarSpec(spec, 0, false) : null;
        }
        String name = spec.substring(0, colon);
        int maxLength = maxLength(spec.substring(colon + 1));
        return isVarName(name) && maxLength > 0 ? new VarSpec(name, maxLength, false) : null;
    }

    /** {@code %x31-39 0*3DIGIT}: 1..9999, or 0 when the text is not that. */
    private static int maxLength(String digits) {
        if (digits.isEmpty() || digits.length() > 4 || digits.charAt(0) == '0') {
            return 0;
        }
        for (int i = 0; i < digits.length(); i++) {
            if (digits.charAt(i) < '0' || digits.charAt(i) > '9') {
                return 0;
            }
        }
        return Integer.parseInt(digits);
    }

    /** {@code varchar *( ["."] varchar )}, varchar being ALPHA / DIGIT / "_" / pct-encoded. */
    private static boolean isVarName(String name) {
        boolean afterVarchar = false;
        int i = 0;
        while (i < name.length()) {
            char c = name.charAt(i);
            if (c == '.' && afterVarchar) {
                afterVarchar = false;
                i++;
            } else if (c == '%' && isPctEncoded(name, i)) {
                afterVarchar = true;
                i += 3;
            } else if (c < 128 && (Character.isLetterOrDigit(c) || c == '_')) {
                afterVarchar = true;
                i++;
            } else {
                return false;
            }
        }
        return afterVarchar; // not empty, and no trailing dot
    }

    static boolean isPctEncoded(String text, int at) {
        return at + 2 < text.length() && isHexDigit(text.charAt(at + 1)) && isHexDigit(text.charAt(at + 2));
    }

    private static boolean isHexDigit(char c) {
        return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F') || (c >= 'a' && c <= 'f');
    }

    /**
     * The {@code literals} rule but for pct-encoded: ASCII printable characters except space
     * {@code " ' % < > \ ^ ` { | }}, plus {@code ucschar} and {@code iprivate}.
     */
    private static boolean isLiteral(int c) {
        if (c < 0x80) {
            return c > 0x20 && c < 0x7F && "\"'%<>\\^`{|}".indexOf(c) < 0;
        }
        return (c >= 0xA0 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFDCF) || (c >= 0xFDF0 && c <= 0xFFEF)
                || (c >= 0x10000 && c <= 0x10FFFD && (c & 0xFFFF) <= 0xFFFD && (c < 0xE0000 || c >= 0xE1000));
    }
}
