package dev.herald.client;

import dev.herald.client.internal.LinkHeader;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Mercure discovery: a resource names its hubs with {@code Link: <hub>; rel="mercure"} and, optionally,
 * its canonical topic with {@code rel="self"} and the reconciliation cursor with the hub link's
 * {@code last-event-id} attribute: the last event dispatched when the resource was generated, so a
 * subscription that starts after it misses nothing published in between.
 *
 * <pre>{@code
 * Discovery.Found found = Discovery.discover(httpClient, URI.create("https://example.com/books/1"));
 * SubscribeOptions options = found.subscribeOptions(resource);   // hubs, topic and cursor as discovered
 * }</pre>
 */
public final class Discovery {

    /**
     * What a resource's {@code Link} headers say.
     *
     * @param lastEventId the first hub link's {@code last-event-id}: where to start so nothing published
     *     since the resource was generated is missed
     * @param eventType the first hub link's {@code type}: the SSE event type of the resource's updates
     * @param contentType the first hub link's {@code content-type}: the media type of their data
     */
    public record Found(List<URI> hubs, Optional<URI> self, Optional<String> lastEventId, Optional<String> eventType,
            Optional<String> contentType) {
        public Found {
            hubs = List.copyOf(hubs);
            Objects.requireNonNull(self, "self");
            Objects.requireNonNull(lastEventId, "lastEventId");
            Objects.requireNonNull(eventType, "eventType");
            Objects.requireNonNull(contentType, "contentType");
        }

        /** The topic to subscribe to: {@code rel="self"} when given, else the resource's own URL. */
        public String topic(URI resource) {
            return self.orElse(resource).toString();
        }

        /**
         * A subscription to the resource's topic on every discovered hub, starting after {@link #lastEventId}
         * when given. The topic goes as draft-07's {@code topic=}, which the installed base of hubs reads;
         * for a Mercure 1.0 hub that no longer takes it, build the options with
         * {@code SubscribeOptions.matching(hub, TopicMatcher.exact(found.topic(resource)))}.
         *
         * @throws IllegalStateException when no hub was discovered
         */
        public SubscribeOptions subscribeOptions(URI resource) {
            if (hubs.isEmpty()) {
                throw new IllegalStateException("no hub was discovered");
            }
            return SubscribeOptions.of(hubs.get(0), topic(resource)).withHubs(hubs)
                    .withLastEventId(lastEventId.orElse(""));
        }
    }

    private Discovery() {
    }

    /**
     * Fetches the resource and reads its {@code Link} headers.
     *
     * @throws IOException when the resource cannot be fetched, answers a status other than 2xx, or
     *     names no hub
     */
    public static Found discover(HttpClient client, URI resource) throws IOException, InterruptedException {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(resource, "resource");
        HttpResponse<Void> response = client.send(HttpRequest.newBuilder(resource).GET().build(),
                HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() / 100 != 2) {
            throw new IOException("discovery: " + resource + " answered " + response.statusCode());
        }
        Found found = fromHeaders(response.uri(), response.headers().allValues("Link"));
        if (found.hubs().isEmpty()) {
            throw new IOException("discovery: " + resource + " names no hub (no Link header with rel=\"mercure\")");
        }
        return found;
    }

    /** Reads {@code Link} header values already at hand; relative targets resolve against {@code resource}. */
    public static Found fromHeaders(URI resource, List<String> linkHeaderValues) {
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(linkHeaderValues, "linkHeaderValues");
        List<LinkHeader.Link> links = LinkHeader.parse(resource, linkHeaderValues);
        List<LinkHeader.Link> hubLinks = links.stream().filter(link -> link.is("mercure")).toList();
        Optional<URI> self = links.stream().filter(link -> link.is("self")).map(LinkHeader.Link::target).findFirst();
        Optional<LinkHeader.Link> first = hubLinks.stream().findFirst();
        return new Found(hubLinks.stream().map(LinkHeader.Link::target).toList(), self,
                first.flatMap(link -> link.attribute("last-event-id")), first.flatMap(link -> link.attribute("type")),
                first.flatMap(link -> link.attribute("content-type")));
    }
}
