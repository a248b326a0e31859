package dev.herald.core.urlpattern;

/**
 * One lexical token of a pattern string.
 *
 * @param index the position of its first code point in the pattern string, in code points
 * @param value the code points it stands for (a name without its ':', a regexp without its parentheses)
 */
record Token(Type type, int index, String value) {

    enum Type { OPEN, CLOSE, REGEXP, NAME, CHAR, ESCAPED_CHAR, OTHER_MODIFIER, ASTERISK, END, INVALID_CHAR }
}
