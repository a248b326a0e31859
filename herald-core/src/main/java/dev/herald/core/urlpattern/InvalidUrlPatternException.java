package dev.herald.core.urlpattern;

/**
 * A URL pattern that cannot be compiled: not well formed (the standard's TypeError), using a regular
 * expression feature the linear-time engine does not have (look-around, back-references), or beyond
 * one of {@link UrlPattern}'s bounds. The message is one sentence for the client (the HTTP layer answers
 * 400 with it); control characters the client sent are shown as {@code ?}.
 */
public final class InvalidUrlPatternException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public InvalidUrlPatternException(String message) {
        super(printable(message));
    }

    private static String printable(String message) {
        StringBuilder out = new StringBuilder(message.length());
        message.codePoints().forEach(c -> out.appendCodePoint(Character.isISOControl(c)
                || Character.getType(c) == Character.FORMAT ? '?' : c));
        return out.toString();
    }
}
