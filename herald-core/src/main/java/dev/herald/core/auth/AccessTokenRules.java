package dev.herald.core.auth;

import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * How one role's draft-08 access tokens are checked: which {@code aud} values name this hub, which
 * issuers are trusted with which keys, and how {@code urlpattern} grants are compiled.
 *
 * @param resources the hub's resource identifiers ({@code https://hub.example.com/.well-known/mercure});
 *     a token's {@code aud} must hold one. Empty: no access token is accepted
 * @param issuers the trusted issuers' keys for this role, by exact {@code iss}
 */
public record AccessTokenRules(Set<String> resources, Map<String, TrustedKeys> issuers, UrlPatternGrants urlPatterns) {

    /** No issuer trusted: every draft-08 token is refused. */
    public static final AccessTokenRules NONE = new AccessTokenRules(Set.of(), Map.of(), UrlPatternGrants.NOT_SUPPORTED_YET);

    public AccessTokenRules {
        resources = Set.copyOf(resources);
        issuers = Map.copyOf(issuers);
        Objects.requireNonNull(urlPatterns, "urlPatterns");
    }
}
