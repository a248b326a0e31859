package dev.herald.core;

import java.util.Objects;

/**
 * Chooses the topics a subscriber receives (Mercure: a topic selector). {@code *} matches every topic;
 * any other selector matches the topic equal to it. (URI templates come with the Mercure endpoint.)
 */
public sealed interface TopicSelector permits TopicSelector.Any, TopicSelector.Exact {

    String WILDCARD = "*";

    boolean matches(String topic);

    /** The selector as the subscriber wrote it. */
    String text();

    static TopicSelector parse(String text) {
        Objects.requireNonNull(text, "selector");
        return WILDCARD.equals(text) ? Any.INSTANCE : new Exact(text);
    }

    /** {@code *}: every topic. */
    enum Any implements TopicSelector {
        INSTANCE;

        @Override
        public boolean matches(String topic) {
            return true;
        }

        @Override
        public String text() {
            return WILDCARD;
        }
    }

    /** One topic, compared by equality: the common case, a hash lookup when indexed. */
    record Exact(String text) implements TopicSelector {
        public Exact {
            Objects.requireNonNull(text, "text");
        }

        @Override
        public boolean matches(String topic) {
            return text.equals(topic);
        }
    }
}
