package dev.herald.server.mercure;

import dev.herald.core.InvalidUpdateException;
import dev.herald.core.TopicSelector;
import dev.herald.core.TopicText;
import dev.herald.core.Update;
import dev.herald.core.urlpattern.HubNamespace;
import dev.herald.server.http.HttpException;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.List;
import java.util.Map;

/**
 * Reads a Mercure publish request body ({@code application/x-www-form-urlencoded}): {@code topic}
 * (one or more; the first is canonical), {@code data}, {@code private} (present means private),
 * {@code id}, {@code type}, {@code retry}. Every rule breach is a 400 with the rule in the message (413
 * for more topics than the hub takes): the
 * rules of {@link Update}, and draft-08's for what a publisher may send (no topic {@code *} nor one in the
 * hub's reserved namespace, no control or format characters in an id or a type, no type {@code mercure}),
 * which hold for draft-07 publishers too.
 */
final class PublishForm {

    /** Form fields Herald reads; a form may repeat only {@code topic}. */
    private static final List<String> SINGLE_FIELDS = List.of("data", "id", "type", "retry");
    /** Fields held to the character rule of topics: no control or format characters. */
    private static final List<String> TEXT_FIELDS = List.of("id", "type");
    /** The event type of the hub's own events (draft-08's subscription events): no publisher may forge it. */
    private static final String RESERVED_TYPE = "mercure";

    private PublishForm() {
    }

    static Update parse(String body, int maxTopics, HubNamespace reserved) {
        Map<String, List<String>> fields = FormFields.decode(body);
        List<String> topics = fields.getOrDefault("topic", List.of());
        if (topics.isEmpty()) {
            throw badRequest("missing \"topic\"");
        }
        if (topics.size() > maxTopics) {
            // Draft-08: a request past a hub's limit on topic fields MUST get 413, as one past the body limit does.
            throw new HttpException(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, "too many topics: at most " + maxTopics);
        }
        for (String field : SINGLE_FIELDS) {
            if (fields.getOrDefault(field, List.of()).size() > 1) {
                throw badRequest("\"" + field + "\" given more than once");
            }
        }
        for (String topic : topics) {
            if (TopicSelector.WILDCARD.equals(topic)) {
                // Draft-08: "*" matches every topic, so a topic "*" could never be selected alone.
                throw badRequest("topic \"*\" is reserved for the matcher of every topic");
            }
            if (reserved.contains(topic)) {
                // Draft-08: the hub's own resources (subscription events) live there; no publisher may forge them.
                throw badRequest("a topic must not address the hub's reserved namespace (" + reserved.path()
                        + " and below, whatever the host)");
            }
        }
        for (String field : TEXT_FIELDS) {
            String value = first(fields, field, null);
            if (value != null) {
                // Draft-08 holds ids and types to the rule of topics (both travel in headers and logs).
                TopicText.problem(value).ifPresent(problem -> {
                    throw badRequest(field + " " + problem);
                });
            }
        }
        if (RESERVED_TYPE.equals(first(fields, "type", null))) {
            throw badRequest("type \"" + RESERVED_TYPE + "\" is reserved for the hub's own events");
        }
        String data = first(fields, "data", "");
        try {
            return new Update(first(fields, "id", null), topics, data, fields.containsKey("private"),
                    first(fields, "type", null), retry(first(fields, "retry", null)));
        } catch (InvalidUpdateException e) {
            throw badRequest(e.getMessage());
        }
    }

    private static String first(Map<String, List<String>> fields, String name, String absent) {
        List<String> values = fields.get(name);
        return values == null || values.isEmpty() ? absent : values.get(0);
    }

    private static Long retry(String value) {
        if (value == null) {
            return null;
        }
        // Only ASCII digits, as the SSE retry field itself: no sign, no space, no unit.
        if (value.isEmpty() || value.length() > 18 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw badRequest("\"retry\" must be a number of milliseconds (ASCII digits)");
        }
        return Long.parseLong(value);
    }

    private static HttpException badRequest(String message) {
        return new HttpException(HttpResponseStatus.BAD_REQUEST, message);
    }
}
