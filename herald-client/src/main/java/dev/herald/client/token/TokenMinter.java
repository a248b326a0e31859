package dev.herald.client.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.SecretKey;

/**
 * Signs Mercure tokens of both generations: draft-07 tokens (a JWT with the {@code mercure} claim) for
 * every hub of the 0.x line,
 *
 * <pre>{@code
 * String jwt = TokenMinter.mint(MercureClaims.publisher("*").expiringAt(Instant.now().plus(Duration.ofHours(1))),
 *         SigningKey.secret(TokenAlgorithm.HS256, secret));
 * }</pre>
 *
 * and draft-08 access tokens ({@code at+jwt}) for Mercure 1.0 hubs (Herald takes both):
 *
 * <pre>{@code
 * String jwt = TokenMinter.mint(AccessTokenClaims.of("https://auth.example.com", URI.create("https://example.com/.well-known/mercure"),
 *                 Instant.now().plus(Duration.ofMinutes(15)))
 *         .withPublish(List.of(TopicGrant.urlPattern("https://example.com/books/:id"))),
 *         SigningKey.secret(TokenAlgorithm.HS256, secret));
 * }</pre>
 *
 * <p>Needs Nimbus JOSE+JWT on the class path ({@code com.nimbusds:nimbus-jose-jwt}): herald-client
 * declares it optional, so only applications that mint tokens add it. Signing (HMAC, RSA, ECDSA and
 * their encodings) is what Nimbus gets right and a hand-made signer easily gets subtly wrong.
 */
public final class TokenMinter {

    /** RFC 9068 §2.1: the media type of an access token, as its {@code typ} header. */
    private static final JOSEObjectType ACCESS_TOKEN = new JOSEObjectType("at+jwt");
    /** The RFC 9396 type of a Mercure authorization detail (draft-08). */
    static final String MERCURE_DETAIL_TYPE = "https://mercure.rocks/authorization-detail";

    private TokenMinter() {
    }

    /** The compact serialization ({@code header.claims.signature}). */
    public static String mint(MercureClaims claims, SigningKey key) {
        Objects.requireNonNull(claims, "claims");
        Objects.requireNonNull(key, "key");
        Map<String, Object> mercure = new LinkedHashMap<>();
        if (!claims.publish().isEmpty()) {
            mercure.put("publish", claims.publish());
        }
        if (!claims.subscribe().isEmpty()) {
            mercure.put("subscribe", claims.subscribe());
        }
        JWTClaimsSet.Builder set = new JWTClaimsSet.Builder().claim("mercure", mercure);
        claims.expiresAt().ifPresent(expiry -> set.expirationTime(Date.from(expiry)));
        return sign(JOSEObjectType.JWT, set.build(), key);
    }

    /**
     * The compact serialization of a draft-08 access token: header {@code typ: at+jwt}; {@code iat} is
     * now and {@code jti} a random UUID, so two tokens minted alike are still two tokens (RFC 9068 §2.2).
     */
    public static String mint(AccessTokenClaims claims, SigningKey key) {
        Objects.requireNonNull(claims, "claims");
        Objects.requireNonNull(key, "key");
        List<Map<String, Object>> details = new ArrayList<>(2);
        if (!claims.publish().isEmpty()) {
            details.add(detail("publish", claims.publish(), Optional.empty()));
        }
        if (!claims.subscribe().isEmpty()) {
            details.add(detail("subscribe", claims.subscribe(), claims.payload()));
        }
        JWTClaimsSet set = new JWTClaimsSet.Builder()
                .issuer(claims.issuer())
                .audience(claims.audience())
                .subject(claims.subject())
                .claim("client_id", claims.clientId())
                .issueTime(new Date())
                .jwtID(UUID.randomUUID().toString())
                .expirationTime(Date.from(claims.expiresAt()))
                .claim("authorization_details", details)
                .build();
        return sign(ACCESS_TOKEN, set, key);
    }

    private static Map<String, Object> detail(String action, List<TopicGrant> grants, Optional<Map<String, Object>> payload) {
        List<Map<String, Object>> topics = new ArrayList<>(grants.size());
        for (TopicGrant grant : grants) {
            topics.add(Map.of("match", grant.match(), "match_type", grant.type().wireName()));
        }
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("type", MERCURE_DETAIL_TYPE);
        detail.put("actions", List.of(action));
        detail.put("topics", topics);
        payload.ifPresent(value -> detail.put("payload", value));
        return detail;
    }

    private static String sign(JOSEObjectType type, JWTClaimsSet claims, SigningKey key) {
        JWSHeader.Builder header = new JWSHeader.Builder(JWSAlgorithm.parse(key.algorithm().name())).type(type);
        key.keyId().ifPresent(header::keyID);
        SignedJWT jwt = new SignedJWT(header.build(), claims);
        try {
            jwt.sign(signer(key));
        } catch (JOSEException e) {
            throw new IllegalArgumentException("cannot sign with " + key + ": " + e.getMessage(), e);
        }
        return jwt.serialize();
    }

    private static JWSSigner signer(SigningKey key) throws JOSEException {
        return switch (key.algorithm().family()) {
            case HMAC -> new MACSigner((SecretKey) key.key());
            case RSA -> new RSASSASigner((PrivateKey) key.key());
            case EC -> new ECDSASigner((ECPrivateKey) key.key());
        };
    }
}
