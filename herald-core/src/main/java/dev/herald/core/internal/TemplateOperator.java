package dev.herald.core.internal;

/**
 * The eight RFC 6570 expression operators, as the table of RFC 6570 Appendix A: what an expansion
 * starts with ({@code first}), what goes between variables and exploded members ({@code sep}), whether
 * each value is written as {@code name=value} ({@code named}), what follows the name of an empty value
 * ({@code ifEmpty}), and whether reserved characters may appear unencoded ({@code allowReserved}).
 */
public enum TemplateOperator {
    SIMPLE("", ",", false, "", false),
    RESERVED("", ",", false, "", true),
    FRAGMENT("#", ",", false, "", true),
    LABEL(".", ".", false, "", false),
    PATH_SEGMENT("/", "/", false, "", false),
    PATH_PARAMETER(";", ";", true, "", false),
    QUERY("?", "&", true, "=", false),
    QUERY_CONTINUATION("&", "&", true, "=", false);

    private final String first;
    private final String separator;
    private final boolean named;
    private final String ifEmpty;
    private final boolean allowReserved;

    TemplateOperator(String first, String separator, boolean named, String ifEmpty, boolean allowReserved) {
        this.first = first;
        this.separator = separator;
        this.named = named;
        this.ifEmpty = ifEmpty;
        this.allowReserved = allowReserved;
    }

    /** The operator a character names, SIMPLE when it names none (it is then the variable's first). */
    static TemplateOperator of(char c) {
        return switch (c) {
            case '+' -> RESERVED;
            case '#' -> FRAGMENT;
            case '.' -> LABEL;
            case '/' -> PATH_SEGMENT;
            case ';' -> PATH_PARAMETER;
            case '?' -> QUERY;
            case '&' -> QUERY_CONTINUATION;
            default -> SIMPLE;
        };
    }

    /** {@code = , ! @ |}: reserved by RFC 6570 for future extensions, so a template using them is invalid. */
    static boolean isReservedForExtension(char c) {
        return c == '=' || c == ',' || c == '!' || c == '@' || c == '|';
    }

    public String first() {
        return first;
    }

    public String separator() {
        return separator;
    }

    public boolean named() {
        return named;
    }

    public String ifEmpty() {
        return ifEmpty;
    }

    public boolean allowReserved() {
        return allowReserved;
    }
}
