package dev.herald.server.support;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.herald.core.auth.TrustedIssuer;
import dev.herald.core.auth.TrustedKeys;
import dev.herald.server.AccessTokenOptions;
import dev.herald.server.SecurityOptions;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Draft-08 access tokens as a Mercure 1.0 publisher or subscriber presents them: {@code typ: at+jwt},
 * {@code iss}, {@code aud}, {@code exp} and {@code authorization_details}, HS256 with {@link Tokens#SECRET}
 * (the issue's acceptance configuration: public URL and issuer {@code https://localhost}).
 */
public final class AccessTokens {

    public static final String PUBLIC_URL = "https://localhost";
    public static final String ISSUER = "https://localhost";
    public static final String AUDIENCE = "https://localhost/.well-known/mercure";
    public static final String METADATA = "https://localhost/.well-known/oauth-protected-resource/.well-known/mercure";
    public static final String DETAIL_TYPE = "https://mercure.rocks/authorization-detail";
    /** The acceptance case's expiry: 2100-01-01. */
    public static final Instant YEAR_2100 = Instant.parse("2100-01-01T00:00:00Z");

    private AccessTokens() {
    }

    /** {@link Tokens#security()} (draft-07 keys) plus the public URL and the issuer of the same key. */
    public static SecurityOptions security() {
        return Tokens.security().withAccessTokens(new AccessTokenOptions(List.of(URI.create(PUBLIC_URL)),
                List.of(new TrustedIssuer(ISSUER, TrustedKeys.of(List.of(Tokens.key())), TrustedKeys.of(List.of(Tokens.key()))))));
    }

    /** One Mercure authorization detail granting the actions on exact topics ({@code *}: every topic). */
    public static Map<String, Object> grant(List<String> actions, String... topics) {
        return detail(actions, java.util.Arrays.stream(topics).map(topic -> Map.<String, Object>of("match", topic)).toList());
    }

    public static Map<String, Object> detail(List<String> actions, List<Map<String, Object>> topics) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("type", DETAIL_TYPE);
        detail.put("actions", actions);
        detail.put("topics", topics);
        return detail;
    }

    public static String publisher(String... topics) {
        return token(YEAR_2100, grant(List.of("publish"), topics));
    }

    public static String subscriber(String... topics) {
        return token(YEAR_2100, grant(List.of("subscribe"), topics));
    }

    /** An access token with the acceptance case's claims (no {@code sub}, {@code jti}, {@code iat}). */
    @SafeVarargs
    public static String token(Instant expiry, Map<String, Object>... details) {
        return sign(atJwt(), claims(expiry, details).build());
    }

    @SafeVarargs
    public static JWTClaimsSet.Builder claims(Instant expiry, Map<String, Object>... details) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(ISSUER).audience(AUDIENCE)
                .claim("authorization_details", List.of(details));
        if (expiry != null) {
            claims.expirationTime(Date.from(expiry));
        }
        return claims;
    }

    public static JWSHeader.Builder atJwt() {
        return new JWSHeader.Builder(JWSAlgorithm.HS256).type(new JOSEObjectType("at+jwt"));
    }

    public static String sign(JWSHeader.Builder header, JWTClaimsSet claims) {
        SignedJWT jwt = new SignedJWT(header.build(), claims);
        try {
            jwt.sign(new MACSigner(Tokens.SECRET.getBytes(StandardCharsets.UTF_8)));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a test token", e);
        }
        return jwt.serialize();
    }
}
