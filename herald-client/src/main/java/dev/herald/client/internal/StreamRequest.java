package dev.herald.client.internal;

import dev.herald.client.TopicMatcher;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;

/** The {@code GET} that opens a Mercure subscription. */
final class StreamRequest {

    private StreamRequest() {
    }

    /**
     * @param resumeAfter sent as {@code Last-Event-ID} when not empty (the header, not the
     *     {@code lastEventID} query parameter: it is what EventSource sends, and it stays out of logs)
     * @param timeout how long to wait for the response head; the stream itself may last
     */
    static HttpRequest of(URI hub, List<TopicMatcher> matchers, String resumeAfter, Optional<String> token, Duration timeout) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(hub, matchers)).GET()
                .timeout(timeout)
                .header("Accept", "text/event-stream")
                // WHATWG: a user agent asks for a fresh stream, never a cached one.
                .header("Cache-Control", "no-cache");
        if (!resumeAfter.isEmpty()) {
            request.header("Last-Event-ID", resumeAfter);
        }
        token.ifPresent(jwt -> request.header("Authorization", "Bearer " + jwt));
        return request.build();
    }

    /** The hub URL with one parameter per matcher, after any query it already has. */
    static URI uri(URI hub, List<TopicMatcher> matchers) {
        StringJoiner query = new StringJoiner("&");
        for (TopicMatcher matcher : matchers) {
            query.add(matcher.parameter() + "=" + URLEncoder.encode(matcher.value(), StandardCharsets.UTF_8));
        }
        String text = hub.toString();
        int fragment = text.indexOf('#');
        if (fragment >= 0) {
            text = text.substring(0, fragment);
        }
        return URI.create(text + (hub.getRawQuery() == null ? "?" : "&") + query);
    }
}
