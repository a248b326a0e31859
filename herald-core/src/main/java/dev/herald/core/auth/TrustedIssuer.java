package dev.herald.core.auth;

import java.util.Objects;

/**
 * An issuer of draft-08 access tokens the hub trusts, bound to its own keys (draft-08: a token's
 * {@code iss} picks the keys it is checked with, never a pool spanning issuers).
 *
 * @param issuer the exact {@code iss} value, e.g. {@code https://auth.example.com}
 * @param publisherKeys the keys of its publishers' tokens
 * @param subscriberKeys the keys of its subscribers' tokens (the same as {@code publisherKeys} when the
 *     issuer has one key)
 */
public record TrustedIssuer(String issuer, TrustedKeys publisherKeys, TrustedKeys subscriberKeys) {

    public TrustedIssuer {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(publisherKeys, "publisherKeys");
        Objects.requireNonNull(subscriberKeys, "subscriberKeys");
        if (issuer.isBlank()) {
            throw new IllegalArgumentException("an issuer identifier must not be blank");
        }
    }
}
