package dev.herald.server.mercure;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.core.auth.TrustedIssuer;
import dev.herald.server.AccessTokenOptions;
import dev.herald.server.http.Responses;
import dev.herald.server.http.Route;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.net.URI;
import java.util.List;

/**
 * The hub's OAuth 2.0 protected-resource metadata (RFC 9728), which draft-08 clients read to learn the
 * {@code aud} to put in their tokens and how to present them. Served only when the hub has a public
 * URL: without one it has no resource identifier to announce (and draft-08 says a hub without
 * metadata speaks the earlier protocol).
 *
 * <ul>
 *   <li>{@code resource}: the resource identifier of the public URL the request named ({@code Host}),
 *       so a client checking it against the URL it derived the metadata URL from finds it equal;
 *   <li>{@code authorization_servers}: the trusted issuers whose keys come from a published key set
 *       (authorization servers); issuers with configured keys are self-issuing publishers, not listed;
 *   <li>{@code bearer_methods_supported}: {@code header} (the cookie is a Mercure extension, announced
 *       by {@code mercure_cookie}; the query parameter is not for draft-08 tokens);
 *   <li>{@code mercure_matcher_types_supported}: the grant types this hub evaluates.
 * </ul>
 */
public final class ResourceMetadata {

    /** RFC 9728 §3.1: the well-known prefix inserted before the resource's path. */
    public static final String PATH = "/.well-known/oauth-protected-resource" + MercureEndpoint.PATH;
    static final String AUTHORIZATION_DETAIL_TYPE = "https://mercure.rocks/authorization-detail";

    private final AccessTokenOptions options;
    private final BearerChallenges challenges;
    private final boolean subscriptions;

    /** @param subscriptions whether the active subscriptions feature is on */
    public ResourceMetadata(AccessTokenOptions options, BearerChallenges challenges, boolean subscriptions) {
        this.options = options;
        this.challenges = challenges;
        this.subscriptions = subscriptions;
    }

    /** The metadata route, or none when the hub has no public URL. */
    public List<Route> routes() {
        return options.publicUrls().isEmpty() ? List.of() : List.of(Route.get(PATH, this::answer));
    }

    private void answer(ChannelHandlerContext ctx, FullHttpRequest request, QueryStringDecoder query) {
        URI publicUrl = challenges.publicUrlOf(request).orElseThrow();
        ObjectNode body = Responses.json().createObjectNode();
        body.put("resource", AccessTokenOptions.resource(publicUrl));
        ArrayNode servers = Responses.json().createArrayNode();
        options.issuers().stream()
                .filter(issuer -> issuer.publisherKeys().published() || issuer.subscriberKeys().published())
                .map(TrustedIssuer::issuer)
                .forEach(servers::add);
        if (!servers.isEmpty()) {
            body.set("authorization_servers", servers);
        }
        body.putArray("authorization_details_types_supported").add(AUTHORIZATION_DETAIL_TYPE);
        body.putArray("bearer_methods_supported").add("header");
        body.put("mercure_cookie", TokenSource.ACCESS_TOKEN_COOKIE);
        ArrayNode matchers = body.putArray("mercure_matcher_types_supported").add("exact");
        if (options.urlPatterns().supported()) {
            matchers.add("urlpattern");
        }
        if (subscriptions) {
            body.put("mercure_subscriptions", true);
        }
        ctx.writeAndFlush(Responses.json(HttpResponseStatus.OK, body));
    }
}
