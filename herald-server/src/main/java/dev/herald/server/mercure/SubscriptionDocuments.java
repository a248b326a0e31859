package dev.herald.server.mercure;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.core.Update;
import dev.herald.server.http.Responses;
import dev.herald.server.mercure.ActiveSubscriptions.Entry;
import java.util.List;
import java.util.Optional;

/**
 * One subscription in the shape of each protocol generation: its topic (which is also its id and its
 * path in the subscriptions API) and its document.
 *
 * <ul>
 *   <li>draft-07: {@code /.well-known/mercure/subscriptions/{topic}/{subscriber}}, a JSON-LD
 *       {@code Subscription} with {@code topic}; the topic of a draft-08 matcher is its text (a URL
 *       pattern's {@code topic} is the pattern);
 *   <li>draft-08: {@code /.well-known/mercure/subscriptions/{match_type}/{match}/{subscriber}}, plain
 *       JSON with {@code type: "subscription"}, {@code match_type} and {@code match}, sent as
 *       {@code event: mercure}; a draft-07 selector's type is given by {@link MatchType}.
 * </ul>
 *
 * The subscriber id is the same in both. Each variable is percent-encoded exactly once ({@link UrlEscape}).
 */
final class SubscriptionDocuments {

    /** The JSON-LD context of draft-07's documents. */
    static final String CONTEXT = "https://mercure.rocks/";
    /**
     * Draft-08's SSE event type of the hub's own events, which no publisher may use ({@link PublishForm}):
     * what tells a subscriber, and this hub, that an event is a draft-08 subscription event.
     */
    static final String EVENT_TYPE = "mercure";
    private static final String PREFIX = ActiveSubscriptions.TOPIC_PREFIX + "/";

    private SubscriptionDocuments() {
    }

    /** The subscription's draft-07 topic and id. */
    static String draft07Id(Entry entry) {
        return PREFIX + UrlEscape.component(entry.match()) + "/" + UrlEscape.component(entry.subscriber());
    }

    /** The subscription's draft-08 topic and id. */
    static String draft08Id(Entry entry) {
        return PREFIX + UrlEscape.expansion(entry.matchType().wireName()) + "/" + UrlEscape.expansion(entry.match())
                + "/" + UrlEscape.expansion(entry.subscriber());
    }

    /** Draft-07's JSON-LD {@code Subscription}, without {@code @context} (a listing has one for all). */
    static ObjectNode draft07(Entry entry, boolean active) {
        ObjectNode node = Responses.json().createObjectNode()
                .put("id", draft07Id(entry))
                .put("type", "Subscription")
                .put("topic", entry.match())
                .put("subscriber", entry.subscriber())
                .put("active", active);
        node.set("payload", Responses.json().valueToTree(entry.payload()));
        return node;
    }

    /** Draft-07's document on its own: with its {@code @context}. */
    static ObjectNode draft07WithContext(Entry entry, boolean active) {
        ObjectNode node = Responses.json().createObjectNode().put("@context", CONTEXT);
        node.setAll(draft07(entry, active));
        return node;
    }

    /** Draft-08's subscription document; {@code payload} only when the token gave one (it is optional). */
    static ObjectNode draft08(Entry entry, boolean active) {
        ObjectNode node = Responses.json().createObjectNode()
                .put("id", draft08Id(entry))
                .put("type", "subscription")
                .put("match_type", entry.matchType().wireName())
                .put("match", entry.match())
                .put("subscriber", entry.subscriber())
                .put("active", active);
        if (entry.payload() != null) {
            node.set("payload", Responses.json().valueToTree(entry.payload()));
        }
        return node;
    }

    /** Both generations' announcements of the subscription starting or ending: private, draft-07's first. */
    static List<Update> announcements(Entry entry, boolean active) {
        return List.of(
                new Update(null, List.of(draft07Id(entry)), write(draft07WithContext(entry, active)), true, null, null),
                new Update(null, List.of(draft08Id(entry)), write(draft08(entry, active)), true, EVENT_TYPE, null));
    }

    /** Whether a live update is a draft-08 subscription event (else draft-07's, the only other kind). */
    static boolean isDraft08(Update announcement) {
        return EVENT_TYPE.equals(announcement.type());
    }

    /** A draft-08 announcement read back; empty for anything else (a malformed one is ignored). */
    record Announced(Entry entry, boolean active) {
    }

    static Optional<Announced> read(Update announcement) throws JsonProcessingException {
        if (!isDraft08(announcement)) {
            return Optional.empty();
        }
        JsonNode document = Responses.json().readTree(announcement.data());
        if (document == null || !"subscription".equals(document.path("type").asText())) {
            return Optional.empty();
        }
        Optional<MatchType> type = MatchType.ofWireName(document.path("match_type").asText());
        JsonNode match = document.path("match");
        JsonNode subscriber = document.path("subscriber");
        if (type.isEmpty() || !match.isTextual() || !subscriber.isTextual()) {
            return Optional.empty();
        }
        JsonNode payload = document.get("payload");
        Object payloadValue = payload == null ? null : Responses.json().treeToValue(payload, Object.class);
        return Optional.of(new Announced(new Entry(type.get(), match.asText(), subscriber.asText(), payloadValue),
                document.path("active").asBoolean()));
    }

    private static String write(ObjectNode document) {
        try {
            return Responses.json().writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a subscription document", e);
        }
    }
}
