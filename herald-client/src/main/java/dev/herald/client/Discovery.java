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
 * its canonical topic with {@code rel="self"}.
 *
 * <pre>{@code
 * Discovery.Found found = Discovery.discover(httpClient, URI.create("https://example.com/books/1"));
 * SubscribeOptions options = SubscribeOptions.of(found.hubs().get(0), found.topic(resource)).withHubs(found.hubs());
 * }</pre>
 */
public final class Discovery {

    /** What a resource's {@code Link} headers say. */
    public record Found(List<URI> hubs, Optional<URI> self) {
        public Found {
            hubs = List.copyOf(hubs);
            Objects.requireNonNull(self, "self");
        }

        /** The topic to subscribe to: {@code rel="self"} when given, else the resource's own URL. */
        public String topic(URI resource) {
            return self.orElse(resource).toString();
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
        List<URI> hubs = links.stream().filter(link -> link.is("mercure")).map(LinkHeader.Link::target).toList();
        Optional<URI> self = links.stream().filter(link -> link.is("self")).map(LinkHeader.Link::target).findFirst();
        return new Found(hubs, self);
    }
}
