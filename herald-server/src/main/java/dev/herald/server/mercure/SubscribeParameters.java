package dev.herald.server.mercure;

import dev.herald.core.LastEventId;
import dev.herald.core.TopicText;
import dev.herald.server.http.HttpException;
import dev.herald.server.http.Utf8HeaderValue;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a subscription request asks for, under both protocol generations on one hub: draft-07's
 * {@code topic} selectors and {@code lastEventID}, draft-08's {@code match}, {@code match_exact},
 * {@code match_urlpattern} and {@code last_event_id}, alone or mixed. A {@code QUERY} request may carry
 * them in a form body too: draft-08 takes the union of both components, as if all pairs were in one.
 *
 * @param matchers the topic matchers, the query's first, then the body's
 * @param resumeAfter where to resume; empty for live updates only
 * @param cursorGiven true when the request carried a cursor, even an empty one: the response then says
 *     where the stream resumes ({@code Last-Event-ID}, {@code Mercure-Last-Event-ID})
 * @param generation the protocol the request speaks: draft-08 with any {@code match*} parameter or as
 *     {@code QUERY} (neither exists in draft-07), draft-07 with {@code topic=} alone
 */
public record SubscribeParameters(List<TopicMatcher> matchers, Optional<LastEventId> resumeAfter,
        boolean cursorGiven, ProtocolGeneration generation) {

    /** The request header that carries the cursor; it wins over every parameter (both drafts). */
    static final String LAST_EVENT_ID_HEADER = "Last-Event-ID";
    /** The cursor parameters, most preferred first: draft-08's, then draft-07's. */
    private static final List<String> CURSOR_PARAMETERS = List.of("last_event_id", "lastEventID");

    public SubscribeParameters {
        matchers = List.copyOf(matchers);
        Objects.requireNonNull(resumeAfter, "resumeAfter");
        if (resumeAfter.isPresent() && !cursorGiven) {
            throw new IllegalArgumentException("a stream resumes only after a cursor the request gave");
        }
        Objects.requireNonNull(generation, "generation");
    }

    /**
     * Reads a subscription request. Every breach is a 400 naming the rule: no matcher at all, more than
     * {@code maxMatchers}, an unknown parameter in the reserved {@code match} namespace, a value with a
     * control or format character.
     *
     * @param query the query component's parameters
     * @param body the form body's parameters ({@code QUERY}); empty for {@code GET}
     */
    public static SubscribeParameters parse(HttpRequest request, Map<String, List<String>> query,
            Map<String, List<String>> body, int maxMatchers) {
        List<TopicMatcher> matchers = new ArrayList<>();
        collect(query, matchers);
        collect(body, matchers);
        if (matchers.isEmpty()) {
            throw badRequest("missing \"topic\" or \"match\" parameter");
        }
        if (matchers.size() > maxMatchers) {
            throw badRequest("too many topics: at most " + maxMatchers);
        }
        boolean draft08 = MercureEndpoint.QUERY.equals(request.method())
                || matchers.stream().anyMatch(matcher -> matcher.type() != TopicMatcher.Type.SELECTOR);
        return withCursor(matchers, request, query, body, draft08 ? ProtocolGeneration.DRAFT_08 : ProtocolGeneration.DRAFT_07);
    }

    /**
     * A subscription to matchers the front chose itself (the demo's one topic), resuming as the request
     * says, in draft-07's terms (the demo's page is a draft-07 client).
     */
    public static SubscribeParameters of(List<TopicMatcher> matchers, HttpRequest request, Map<String, List<String>> query) {
        return withCursor(matchers, request, query, Map.of(), ProtocolGeneration.DRAFT_07);
    }

    private static SubscribeParameters withCursor(List<TopicMatcher> matchers, HttpRequest request,
            Map<String, List<String>> query, Map<String, List<String>> body, ProtocolGeneration generation) {
        String cursor = cursor(request, query, body);
        Optional<LastEventId> resumeAfter = cursor == null || cursor.isEmpty()
                ? Optional.empty() : Optional.of(new LastEventId(cursor));
        return new SubscribeParameters(matchers, resumeAfter, cursor != null, generation);
    }

    private static void collect(Map<String, List<String>> parameters, List<TopicMatcher> matchers) {
        parameters.forEach((name, values) -> {
            Optional<TopicMatcher.Type> type;
            try {
                type = TopicMatcher.Type.ofParameter(name);
            } catch (IllegalArgumentException e) {
                throw badRequest(e.getMessage());
            }
            type.ifPresent(matcherType -> values.forEach(value -> matchers.add(matcher(matcherType, value))));
        });
    }

    private static TopicMatcher matcher(TopicMatcher.Type type, String value) {
        // Matchers are logged and announced like topics: the same characters are refused (TopicText).
        TopicText.problem(value).ifPresent(problem -> {
            throw badRequest(type.label() + " " + problem);
        });
        return new TopicMatcher(type, value);
    }

    /**
     * The cursor: the header, else the first cursor parameter present, the query's value before the
     * body's (draft-08: "the hub MUST use the value from the query component"); null when none is given.
     */
    private static String cursor(HttpRequest request, Map<String, List<String>> query, Map<String, List<String>> body) {
        String header = request.headers().get(LAST_EVENT_ID_HEADER);
        if (header != null) {
            return Utf8HeaderValue.read(header);
        }
        for (String name : CURSOR_PARAMETERS) {
            for (Map<String, List<String>> component : List.of(query, body)) {
                List<String> values = component.get(name);
                if (values != null && !values.isEmpty()) {
                    return values.get(0);
                }
            }
        }
        return null;
    }

    private static HttpException badRequest(String message) {
        return new HttpException(HttpResponseStatus.BAD_REQUEST, message);
    }
}
