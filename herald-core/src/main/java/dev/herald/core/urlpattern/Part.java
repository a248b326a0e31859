package dev.herald.core.urlpattern;

/**
 * One piece of a parsed pattern string: fixed text, or one matching group with its fixed prefix and
 * suffix and a modifier. Values are already canonicalized by the component's encoding callback.
 *
 * @param value the fixed text, or a regexp group's expression; empty for wildcards
 * @param name the group's name, or its number for an unnamed group; empty for fixed text
 */
record Part(Type type, String value, Modifier modifier, String name, String prefix, String suffix) {

    enum Type { FIXED_TEXT, REGEXP, SEGMENT_WILDCARD, FULL_WILDCARD }

    enum Modifier {
        NONE(""), OPTIONAL("?"), ZERO_OR_MORE("*"), ONE_OR_MORE("+");

        final String text;

        Modifier(String text) {
            this.text = text;
        }

        static Modifier of(Token token) {
            if (token == null) {
                return NONE;
            }
            return switch (token.value()) {
                case "?" -> OPTIONAL;
                case "*" -> ZERO_OR_MORE;
                default -> ONE_OR_MORE;
            };
        }
    }

    static Part fixed(String value, Modifier modifier) {
        return new Part(Type.FIXED_TEXT, value, modifier, "", "", "");
    }
}
