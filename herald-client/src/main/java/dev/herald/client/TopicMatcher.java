package dev.herald.client;

import java.util.Objects;

/**
 * One topic matcher of a subscription: which query parameter carries it, and its text. Draft-07 hubs
 * (every Mercure hub of the 0.x line) know {@code topic=}; draft-08 hubs (Mercure 1.0) know
 * {@code match=} and {@code match_urlpattern=}; Herald takes all three, mixed in one request.
 *
 * @param parameter the query parameter: {@code topic}, {@code match} or {@code match_urlpattern}
 * @param value the topic, URI template, URL pattern, or {@code *} for every topic
 */
public record TopicMatcher(String parameter, String value) {

    public TopicMatcher {
        Objects.requireNonNull(parameter, "parameter");
        Objects.requireNonNull(value, "value");
        if (!parameter.equals("topic") && !parameter.equals("match") && !parameter.equals("match_urlpattern")) {
            throw new IllegalArgumentException("a topic matcher parameter is topic, match or match_urlpattern, not "
                    + parameter);
        }
        if (value.isEmpty()) {
            throw new IllegalArgumentException("a topic matcher must not be empty");
        }
    }

    /** Draft-07: a topic, a URI template ({@code https://example.com/books/{id}}) or {@code *}. */
    public static TopicMatcher topic(String selector) {
        return new TopicMatcher("topic", selector);
    }

    /** Draft-08: this topic byte for byte (braces are ordinary characters), or {@code *}. */
    public static TopicMatcher exact(String topic) {
        return new TopicMatcher("match", topic);
    }

    /** Draft-08: a WHATWG URL pattern ({@code https://example.com/books/:id}). */
    public static TopicMatcher urlPattern(String pattern) {
        return new TopicMatcher("match_urlpattern", pattern);
    }
}
