package dev.herald.client.token;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * What a draft-08 (Mercure 1.0) access token says: an RFC 9068 JWT ({@code typ: at+jwt}) whose
 * {@code authorization_details} grant {@code publish} and {@code subscribe} on topic matchers.
 *
 * <p>A hub checks {@code iss} (it picks the keys), {@code aud} (it must name the hub's resource
 * identifier, {@code https://hub.example/.well-known/mercure}) and {@code exp}; RFC 9068 also asks the
 * issuer for {@code sub}, {@code client_id}, {@code iat} and {@code jti}, which the minter always writes.
 *
 * @param issuer {@code iss}: an issuer the hub trusts ({@code --jwt-issuer} on Herald)
 * @param audience {@code aud}: the hub's resource identifier(s); at least one
 * @param subject {@code sub}: who holds the token
 * @param clientId {@code client_id}: the client it was issued to
 * @param publish topics the holder may publish to (a hub wants a grant on every topic of an update)
 * @param subscribe topics whose private updates the holder may receive
 * @param payload the {@code payload} of the subscribe grant, which subscription events show; empty: none
 * @param expiresAt {@code exp}: required, since a hub refuses an access token without it
 */
public record AccessTokenClaims(String issuer, List<String> audience, String subject, String clientId,
        List<TopicGrant> publish, List<TopicGrant> subscribe, Optional<Map<String, Object>> payload, Instant expiresAt) {

    public AccessTokenClaims {
        Objects.requireNonNull(issuer, "issuer");
        audience = List.copyOf(Objects.requireNonNull(audience, "audience"));
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(clientId, "clientId");
        publish = List.copyOf(Objects.requireNonNull(publish, "publish"));
        subscribe = List.copyOf(Objects.requireNonNull(subscribe, "subscribe"));
        payload = Objects.requireNonNull(payload, "payload").map(Map::copyOf);
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (issuer.isEmpty()) {
            throw new IllegalArgumentException("an access token needs an issuer (iss)");
        }
        if (audience.isEmpty() || audience.contains("")) {
            throw new IllegalArgumentException("an access token needs the hub's resource identifier as audience (aud)");
        }
        if (payload.isPresent() && subscribe.isEmpty()) {
            throw new IllegalArgumentException("a payload belongs to a subscribe grant; this token has none");
        }
    }

    /**
     * A token of {@code issuer} for the hub at {@code hubUrl} (its resource identifier, e.g.
     * {@code https://example.com/.well-known/mercure}), with a random {@code urn:uuid} subject, the issuer
     * as client, no grant yet (add them with {@link #withPublish} and {@link #withSubscribe}) and the given
     * expiry.
     */
    public static AccessTokenClaims of(String issuer, URI hubUrl, Instant expiresAt) {
        return new AccessTokenClaims(issuer, List.of(hubUrl.toString()), "urn:uuid:" + UUID.randomUUID(), issuer,
                List.of(), List.of(), Optional.empty(), expiresAt);
    }

    public AccessTokenClaims withPublish(List<TopicGrant> grants) {
        return new AccessTokenClaims(issuer, audience, subject, clientId, grants, subscribe, payload, expiresAt);
    }

    public AccessTokenClaims withSubscribe(List<TopicGrant> grants) {
        return new AccessTokenClaims(issuer, audience, subject, clientId, publish, grants, payload, expiresAt);
    }

    public AccessTokenClaims withSubject(String sub) {
        return new AccessTokenClaims(issuer, audience, sub, clientId, publish, subscribe, payload, expiresAt);
    }

    public AccessTokenClaims withClientId(String client) {
        return new AccessTokenClaims(issuer, audience, subject, client, publish, subscribe, payload, expiresAt);
    }

    public AccessTokenClaims withPayload(Map<String, Object> subscribePayload) {
        return new AccessTokenClaims(issuer, audience, subject, clientId, publish, subscribe,
                Optional.of(subscribePayload), expiresAt);
    }
}
