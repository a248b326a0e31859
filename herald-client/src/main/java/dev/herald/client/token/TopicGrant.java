package dev.herald.client.token;

import java.util.Objects;

/**
 * One topic matcher of a draft-08 authorization detail: {@code {"match": ..., "match_type": ...}}. A
 * hub evaluates it as it evaluates the subscribe parameter of the same name: {@code match} compares
 * byte for byte, {@code match_urlpattern} is a WHATWG URL Pattern; {@code *} grants every topic.
 *
 * @param match the topic, the pattern, or {@code *}
 * @param type how a hub compares it with a topic
 */
public record TopicGrant(String match, MatchType type) {

    /** The matcher types of draft-08's registry, by their wire names. */
    public enum MatchType {
        EXACT("exact"), URLPATTERN("urlpattern");

        private final String wireName;

        MatchType(String wireName) {
            this.wireName = wireName;
        }

        /** The {@code match_type} value, as the spec spells it (case-sensitive). */
        public String wireName() {
            return wireName;
        }
    }

    public TopicGrant {
        Objects.requireNonNull(match, "match");
        Objects.requireNonNull(type, "type");
        if (match.isEmpty()) {
            throw new IllegalArgumentException("a topic grant needs a non-empty match");
        }
    }

    /** Every topic ({@code *}). */
    public static TopicGrant any() {
        return new TopicGrant("*", MatchType.EXACT);
    }

    public static TopicGrant exact(String topic) {
        return new TopicGrant(topic, MatchType.EXACT);
    }

    public static TopicGrant urlPattern(String pattern) {
        return new TopicGrant(pattern, MatchType.URLPATTERN);
    }
}
