package dev.herald.server.mercure;

import java.util.Objects;
import java.util.Optional;

/**
 * One topic matcher of a subscription request, as the subscriber wrote it: its type follows from the
 * parameter that carried it.
 *
 * @param type how {@code text} selects topics
 * @param text the selector, pattern or topic, percent-decoded
 */
public record TopicMatcher(Type type, String text) {

    public TopicMatcher {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(text, "text");
    }

    /** The matcher types, each with the query parameter(s) that carry it. */
    public enum Type {
        /** Draft-07's {@code topic}: {@code *}, an RFC 6570 URI template, or else an exact topic. */
        SELECTOR("topic selector"),
        /** Draft-08's {@code match} and {@code match_exact}: {@code *}, or a byte-for-byte topic. */
        EXACT("topic matcher"),
        /** Draft-08's {@code match_urlpattern}: {@code *}, or a WHATWG URL Pattern. */
        URL_PATTERN("topic matcher");

        /** The parameter names draft-08 reserves: {@code match} and every name starting with it, in any case. */
        private static final String RESERVED_PREFIX = "match";

        private final String label;

        Type(String label) {
            this.label = label;
        }

        /** How an error message names a value of this type ("topic selector must not ..."). */
        public String label() {
            return label;
        }

        /**
         * The type a query parameter carries; empty for a parameter that carries none ({@code lastEventID},
         * {@code authorization}, ...). A name in draft-08's reserved {@code match} namespace that names no
         * supported type is refused: a misspelt or unsupported matcher type must fail loudly, not
         * subscribe to less than the subscriber meant.
         *
         * @throws IllegalArgumentException for a reserved name that is not a supported matcher parameter
         */
        public static Optional<Type> ofParameter(String name) {
            switch (name) {
                case "topic":
                    return Optional.of(SELECTOR);
                case "match", "match_exact":
                    return Optional.of(EXACT);
                case "match_urlpattern":
                    return Optional.of(URL_PATTERN);
                default:
                    if (name.regionMatches(true, 0, RESERVED_PREFIX, 0, RESERVED_PREFIX.length())) {
                        throw new IllegalArgumentException("unknown topic matcher parameter " + shown(name)
                                + ": this hub supports match, match_exact, match_urlpattern and topic");
                    }
                    return Optional.empty();
            }
        }

        /** The name quoted when it is short printable ASCII; a client's bytes never reach a message raw. */
        private static String shown(String name) {
            boolean printable = name.length() <= 64 && name.chars().allMatch(c -> c > 0x20 && c < 0x7F);
            return printable ? "\"" + name + "\"" : "(a name of " + name.length() + " characters)";
        }
    }
}
