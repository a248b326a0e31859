package dev.herald.core.urlpattern;

/**
 * The standard's options for one component: the delimiter a {@code :name} group stops at and the
 * prefix code point that becomes optional with a group. {@code ignoreCase} is always false: draft-08
 * forbids it.
 */
enum ComponentOptions {
    DEFAULT("", ""),
    HOSTNAME(".", ""),
    PATHNAME("/", "/");

    private final String delimiter;
    private final String prefix;

    ComponentOptions(String delimiter, String prefix) {
        this.delimiter = delimiter;
        this.prefix = prefix;
    }

    String prefix() {
        return prefix;
    }

    /** {@code [^<delimiter>]+?}: what a {@code :name} group matches. */
    String segmentWildcard() {
        return "[^" + RegexGenerator.escape(delimiter) + "]+?";
    }
}
