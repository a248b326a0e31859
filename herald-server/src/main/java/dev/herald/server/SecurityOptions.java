package dev.herald.server;

import dev.herald.core.auth.JwtKey;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Who may publish and subscribe, and from which web origins.
 *
 * @param publisherKey verifies publishers' tokens; without one, publishing is anonymous and the hub
 *     only listens on loopback addresses
 * @param subscriberKey verifies subscribers' tokens; without one, every subscriber is anonymous and
 *     receives public updates only
 * @param anonymousSubscribers whether a subscriber without a token is served (public updates only);
 *     when false it gets 401
 * @param corsOrigins web origins allowed to call the hub from a browser with credentials (cookies,
 *     Authorization); {@code *} allows every origin but then without credentials
 * @param publishOrigins origins from which a publish authorized by the cookie is accepted: the CSRF
 *     check (a cookie is sent by the browser whatever page asks, so the page's origin must be trusted)
 * @param accessTokens the hub's public URLs and the issuers of draft-08 access tokens it trusts;
 *     {@code publisherKey} and {@code subscriberKey} verify draft-07 tokens
 */
public record SecurityOptions(
        Optional<JwtKey> publisherKey,
        Optional<JwtKey> subscriberKey,
        boolean anonymousSubscribers,
        List<String> corsOrigins,
        List<String> publishOrigins,
        AccessTokenOptions accessTokens) {

    public SecurityOptions {
        Objects.requireNonNull(publisherKey, "publisherKey");
        Objects.requireNonNull(subscriberKey, "subscriberKey");
        corsOrigins = List.copyOf(corsOrigins);
        publishOrigins = List.copyOf(publishOrigins);
        Objects.requireNonNull(accessTokens, "accessTokens");
    }

    /** Draft-07 keys only, no access-token issuer. */
    public SecurityOptions(Optional<JwtKey> publisherKey, Optional<JwtKey> subscriberKey, boolean anonymousSubscribers,
            List<String> corsOrigins, List<String> publishOrigins) {
        this(publisherKey, subscriberKey, anonymousSubscribers, corsOrigins, publishOrigins, AccessTokenOptions.NONE);
    }

    /** True when publishers need a token: a draft-07 publisher key or a trusted issuer is configured. */
    public boolean publishersNeedTokens() {
        return publisherKey.isPresent() || !accessTokens.issuers().isEmpty();
    }

    /** True when subscribers' tokens can be checked: a draft-07 subscriber key or a trusted issuer. */
    public boolean subscriberTokensChecked() {
        return subscriberKey.isPresent() || !accessTokens.issuers().isEmpty();
    }

    public SecurityOptions withAccessTokens(AccessTokenOptions value) {
        return new SecurityOptions(publisherKey, subscriberKey, anonymousSubscribers, corsOrigins, publishOrigins, value);
    }

    /** No keys, anonymous subscribers, no cross-origin access: a local demo. */
    public static SecurityOptions defaults() {
        return new SecurityOptions(Optional.empty(), Optional.empty(), true, List.of(), List.of());
    }

    public SecurityOptions withKeys(JwtKey publisher, JwtKey subscriber) {
        return new SecurityOptions(Optional.of(publisher), Optional.of(subscriber), anonymousSubscribers,
                corsOrigins, publishOrigins, accessTokens);
    }

    public SecurityOptions withAnonymousSubscribers(boolean allowed) {
        return new SecurityOptions(publisherKey, subscriberKey, allowed, corsOrigins, publishOrigins, accessTokens);
    }

    public SecurityOptions withCorsOrigins(List<String> origins) {
        return new SecurityOptions(publisherKey, subscriberKey, anonymousSubscribers, origins, publishOrigins,
                accessTokens);
    }

    public SecurityOptions withPublishOrigins(List<String> origins) {
        return new SecurityOptions(publisherKey, subscriberKey, anonymousSubscribers, corsOrigins, origins,
                accessTokens);
    }
}
