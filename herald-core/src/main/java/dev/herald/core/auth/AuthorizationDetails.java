package dev.herald.core.auth;

import static dev.herald.core.auth.InvalidTokenException.Reason.MALFORMED;

import dev.herald.core.TopicSelector;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the {@code authorization_details} claim (RFC 9396) of a verified draft-08 access token into
 * {@link Claims}. Only details of the Mercure type grant anything; any Mercure detail of the wrong
 * shape refuses the whole token (draft-08: never act on the remaining entries, which would silently
 * change what the token allows).
 *
 * <ul>
 *   <li>{@code actions}: a non-empty array of strings; {@code publish} and {@code subscribe} grant,
 *       other actions are ignored (they belong to later specifications);
 *   <li>{@code topics}: a non-empty array of {@code {"match": ..., "match_type": ...}} objects;
 *       {@code match_type} is {@code exact} when absent, {@code urlpattern} goes through
 *       {@link UrlPatternGrants}, any other type refuses the token; a {@code match} of {@code *}
 *       grants every topic;
 *   <li>{@code payload}: a JSON object when present; each subscription gets the payload of the first
 *       {@code subscribe} detail that grants its selector ({@link Claims#payloadFor}).
 * </ul>
 */
final class AuthorizationDetails {

    static final String MERCURE_TYPE = "https://mercure.rocks/authorization-detail";
    /** The reference hub's limits, above which a token is refused: a token's grants are compiled and kept. */
    static final int MAX_DETAILS = 100;
    static final int MAX_TOPICS_PER_DETAIL = 100;
    /** Characters of one {@code match}: 4,096, the reference hub's bound on patterns. */
    static final int MAX_MATCH_LENGTH = 4_096;

    private AuthorizationDetails() {}

    static Claims read(Object claim, Instant expiresAt, UrlPatternGrants urlPatterns) {
        List<TopicSelector> publish = new ArrayList<>();
        List<TopicSelector> subscribe = new ArrayList<>();
        List<Claims.SubscribeDetail> subscribeDetails = new ArrayList<>();
        if (claim == null) {
            return new Claims(publish, subscribe, null, Optional.of(expiresAt));
        }
        if (!(claim instanceof List<?> details)) {
            throw malformed("authorization_details must be an array");
        }
        if (details.size() > MAX_DETAILS) {
            throw malformed("more than " + MAX_DETAILS + " authorization details");
        }
        for (Object entry : details) {
            if (!(entry instanceof Map<?, ?> detail)) {
                throw malformed("each authorization detail must be an object");
            }
            if (!(detail.get("type") instanceof String type)) {
                throw malformed("each authorization detail needs a string type (RFC 9396)");
            }
            if (!MERCURE_TYPE.equals(type)) {
                continue; // a detail for another resource server: grants nothing here
            }
            List<String> actions = actions(detail.get("actions"));
            List<TopicSelector> topics = topics(detail.get("topics"), urlPatterns);
            Object detailPayload = payload(detail);
            if (actions.contains("publish")) {
                publish.addAll(topics);
            }
            if (actions.contains("subscribe")) {
                subscribe.addAll(topics);
                subscribeDetails.add(new Claims.SubscribeDetail(topics, detailPayload));
            }
        }
        // No token-wide payload: each subscription's comes from the details (Claims.payloadFor).
        return new Claims(publish, subscribe, null, Optional.of(expiresAt), subscribeDetails);
    }

    private static List<String> actions(Object value) {
        if (!(value instanceof List<?> actions) || actions.isEmpty()) {
            throw malformed("actions must be a non-empty array of strings");
        }
        List<String> names = new ArrayList<>(actions.size());
        for (Object action : actions) {
            if (!(action instanceof String name)) {
                throw malformed("actions must be a non-empty array of strings");
            }
            names.add(name);
        }
        return names;
    }

    private static List<TopicSelector> topics(Object value, UrlPatternGrants urlPatterns) {
        if (!(value instanceof List<?> topics) || topics.isEmpty()) {
            throw malformed("topics must be a non-empty array of topic matchers");
        }
        if (topics.size() > MAX_TOPICS_PER_DETAIL) {
            throw malformed("more than " + MAX_TOPICS_PER_DETAIL + " topics in one authorization detail");
        }
        List<TopicSelector> selectors = new ArrayList<>(topics.size());
        for (Object topic : topics) {
            selectors.add(matcher(topic, urlPatterns));
        }
        return selectors;
    }

    private static TopicSelector matcher(Object topic, UrlPatternGrants urlPatterns) {
        if (!(topic instanceof Map<?, ?> matcher) || !(matcher.get("match") instanceof String match) || match.isEmpty()) {
            throw malformed("each topic matcher must be an object with a non-empty string match");
        }
        if (match.length() > MAX_MATCH_LENGTH) {
            throw malformed("a match is longer than " + MAX_MATCH_LENGTH + " characters");
        }
        Object type = matcher.containsKey("match_type") ? matcher.get("match_type") : "exact";
        // The type is checked before the wildcard: a grant whose type the hub cannot evaluate refuses
        // the token whatever its match, so an issuer's mistake shows at once.
        if (!"exact".equals(type) && !"urlpattern".equals(type)) {
            throw malformed("unknown match_type (this hub knows exact and urlpattern)");
        }
        if (TopicSelector.WILDCARD.equals(match)) {
            return TopicSelector.Any.INSTANCE;
        }
        if ("exact".equals(type)) {
            // Byte-for-byte, never a template: a '{' in an exact grant is an ordinary character.
            return new TopicSelector.Exact(match);
        }
        try {
            return urlPatterns.compile(match);
        } catch (IllegalArgumentException invalid) {
            // The pattern stays out of the message: it is data from the token.
            throw malformed("a urlpattern grant is not a valid URL pattern");
        }
    }

    private static Object payload(Map<?, ?> detail) {
        Object payload = detail.get("payload");
        if (payload == null) {
            return null;
        }
        if (!(payload instanceof Map<?, ?>)) {
            throw malformed("payload must be a JSON object");
        }
        try {
            return JsonValues.freeze(payload);
        } catch (IllegalArgumentException e) {
            throw malformed("payload is not JSON");
        }
    }

    private static InvalidTokenException malformed(String rule) {
        return new InvalidTokenException(MALFORMED, "authorization_details: " + rule);
    }
}
