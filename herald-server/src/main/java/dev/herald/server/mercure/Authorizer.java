package dev.herald.server.mercure;

import dev.herald.core.TopicSelector;
import dev.herald.core.auth.Claims;
import dev.herald.core.auth.InvalidTokenException;
import dev.herald.core.auth.KeysUnavailableException;
import dev.herald.core.auth.TokenGeneration;
import dev.herald.core.auth.TokenVerifier;
import dev.herald.server.http.HttpException;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Decides who a request speaks for: finds its token ({@link TokenSource}), verifies it with the
 * publisher's or subscriber's verifier (draft-07 tokens and draft-08 access tokens alike), and refuses
 * before anything else runs, as RFC 6750 says: 401 without a token (bare challenge) or with an invalid
 * one ({@code invalid_token}), 400 for a draft-08 token in the URL ({@code invalid_request}), 503 with
 * {@code Retry-After} when the token's issuer's keys cannot be read now. What the claims then allow (403,
 * {@link #insufficientScope}) is the caller's rule to apply.
 */
public final class Authorizer {

    /** Without a publisher key, publishing is anonymous (the hub then listens on loopback only). */
    static final Claims ANONYMOUS_PUBLISHER = new Claims(List.of(TopicSelector.parse(TopicSelector.WILDCARD)),
            List.of(), null, Optional.empty());

    private final Optional<TokenVerifier> publishers;
    private final Optional<TokenVerifier> subscribers;
    private final boolean anonymousSubscribers;
    private final Set<String> publishOrigins;
    private final BearerChallenges challenges;

    public Authorizer(Optional<TokenVerifier> publishers, Optional<TokenVerifier> subscribers,
            boolean anonymousSubscribers, List<String> publishOrigins, BearerChallenges challenges) {
        this.publishers = publishers;
        this.subscribers = subscribers;
        this.anonymousSubscribers = anonymousSubscribers;
        this.publishOrigins = publishOrigins.stream().map(Authorizer::normalizeOrigin).collect(Collectors.toSet());
        this.challenges = challenges;
    }

    /**
     * The publisher's claims; 401 without a valid token when publishers need one. Without keys, every
     * publisher is anonymous and allowed everything, but a browser's request from another origin than
     * the hub's own and the publish origins is refused with 403 ({@link SameOriginPublish}).
     */
    public Claims publisher(HttpRequest request, QueryStringDecoder query) {
        if (publishers.isEmpty()) {
            SameOriginPublish.require(request, publishOrigins);
            return ANONYMOUS_PUBLISHER;
        }
        TokenSource source = find(request, query)
                .orElseThrow(() -> challenges.missingToken(request, "publishing needs a token (Authorization: Bearer, "
                        + "authorization query parameter or " + TokenSource.COOKIE_NAME + " cookie)"));
        if (source.kind() == TokenSource.Kind.COOKIE) {
            requireTrustedOrigin(request);
        }
        return verify(publishers.get(), source, request);
    }

    /**
     * Who the request's publisher is, for its idempotency keys ({@link PublisherScope}); call after
     * {@link #publisher}, which verified the token.
     */
    String publisherScope(HttpRequest request, QueryStringDecoder query) {
        if (publishers.isEmpty()) {
            return PublisherScope.ANONYMOUS;
        }
        return TokenSource.find(request, query).map(source -> PublisherScope.of(source.token()))
                .orElse(PublisherScope.ANONYMOUS);
    }

    /**
     * The subscriber's claims: anonymous (public updates only) without a token when that is allowed,
     * 401 otherwise or when the token is invalid. Without subscriber keys, tokens cannot be checked
     * and every subscriber is anonymous.
     */
    public Claims subscriber(HttpRequest request, QueryStringDecoder query) {
        Optional<TokenSource> source = subscribers.isEmpty() ? Optional.empty() : find(request, query);
        if (source.isEmpty()) {
            if (!anonymousSubscribers) {
                throw challenges.missingToken(request, "subscribing needs a token");
            }
            return Claims.ANONYMOUS;
        }
        return verify(subscribers.get(), source.get(), request);
    }

    /**
     * A reader of the subscriptions API: what its token allows, and which protocol generation the token
     * was made for (which answers a path both generations share, {@link SubscriptionsApi}).
     */
    public record Reader(Claims claims, ProtocolGeneration generation) {
    }

    /** The subscriptions API's reader: a valid subscriber token is always required. */
    public Reader subscriptionReader(HttpRequest request, QueryStringDecoder query) {
        if (subscribers.isEmpty()) {
            throw challenges.missingToken(request, "the subscriptions API needs a subscriber key to be configured");
        }
        TokenSource source = find(request, query)
                .orElseThrow(() -> challenges.missingToken(request, "the subscriptions API needs a subscriber token"));
        Claims claims = verify(subscribers.get(), source, request);
        return new Reader(claims, ProtocolGeneration.of(TokenGeneration.of(source.token())));
    }

    /** 403 {@code insufficient_scope}: a valid token that does not allow what the request asks. */
    public HttpException insufficientScope(HttpRequest request, String message) {
        return challenges.insufficientScope(request, message);
    }

    /**
     * The request's token, refusing the ways draft-08 forbids presenting one: an access token in the URL
     * ({@code authorization} query parameter: it would end up in logs, histories and {@code Referer}
     * headers, RFC 9700) and RFC 6750's {@code access_token} query parameter, which no Mercure draft
     * accepts. Draft-07 tokens in {@code authorization} keep working: deployed clients send them so.
     */
    private Optional<TokenSource> find(HttpRequest request, QueryStringDecoder query) {
        if (query.parameters().containsKey(TokenSource.ACCESS_TOKEN_PARAMETER)) {
            throw challenges.invalidRequest(request, "tokens are not accepted in the access_token query parameter; "
                    + "send them in the Authorization header");
        }
        Optional<String> inUrl = TokenSource.inQuery(query);
        if (inUrl.isPresent() && TokenGeneration.of(inUrl.get()) == TokenGeneration.DRAFT_08) {
            throw challenges.invalidRequest(request, "an access token must not be sent in the URL; "
                    + "send it in the Authorization header or the " + TokenSource.ACCESS_TOKEN_COOKIE + " cookie");
        }
        return TokenSource.find(request, query);
    }

    /**
     * 401 {@code invalid_token} for a token that breaks a rule; 503 with {@code Retry-After} for one that
     * cannot be checked because its issuer's keys cannot be read now. RFC 6750's {@code invalid_token}
     * tells the client its token is "expired, revoked, malformed, or invalid", so it should get another:
     * wrong here, where the token may be fine and another would fail the same way. RFC 9110 §15.6.4's 503
     * says the server cannot handle the request now but may later, and {@code Retry-After} says when the
     * hub will next try the key set; Herald's own clients retry a 503 by themselves.
     */
    private Claims verify(TokenVerifier verifier, TokenSource source, HttpRequest request) {
        try {
            return verifier.verify(source.token());
        } catch (InvalidTokenException e) {
            throw challenges.invalidToken(request, "invalid token: " + e.getMessage());
        } catch (KeysUnavailableException e) {
            throw new HttpException(HttpResponseStatus.SERVICE_UNAVAILABLE, "the token cannot be checked now: "
                    + e.getMessage(), (int) Math.min(Integer.MAX_VALUE, e.retryAfter().toSeconds()));
        }
    }

    /**
     * A browser sends the cookie with every request to the hub, whichever page makes it, so a publish
     * authorized by the cookie must come from a trusted page (cross-site request forgery).
     */
    private void requireTrustedOrigin(HttpRequest request) {
        if (publishOrigins.contains("*")) {
            return;
        }
        String origin = request.headers().get(HttpHeaderNames.ORIGIN);
        if (origin == null) {
            origin = originOf(request.headers().get(HttpHeaderNames.REFERER));
        }
        if (origin == null || !publishOrigins.contains(normalizeOrigin(origin))) {
            throw new HttpException(HttpResponseStatus.FORBIDDEN,
                    "cookie authorization is only accepted from the allowed publish origins");
        }
    }

    private static String originOf(String referer) {
        if (referer == null) {
            return null;
        }
        try {
            URI uri = URI.create(referer);
            if (uri.getScheme() == null || uri.getHost() == null) {
                return null;
            }
            return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Lower case, without surrounding spaces or a trailing slash: how origins are compared. */
    static String normalizeOrigin(String origin) {
        String lower = origin.trim().toLowerCase(Locale.ROOT);
        return lower.endsWith("/") ? lower.substring(0, lower.length() - 1) : lower;
    }

}
