package dev.herald.server.support;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.herald.core.auth.JwtAlgorithm;
import dev.herald.core.auth.JwtKey;
import dev.herald.server.SecurityOptions;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** HS256 tokens as a Mercure publisher or subscriber would present them, signed with one test secret. */
public final class Tokens {

    /** The reference hub's well-known development secret, also used by its conformance suite. */
    public static final String SECRET = "!ChangeThisMercureHubJWTSecretKey!";

    private Tokens() {
    }

    public static JwtKey key() {
        return JwtKey.parse(JwtAlgorithm.HS256, SECRET);
    }

    /** Both keys set to {@link #SECRET}, anonymous subscribers allowed. */
    public static SecurityOptions security() {
        return SecurityOptions.defaults().withKeys(key(), key());
    }

    public static String publisher(String... selectors) {
        return sign(Map.of("publish", List.of(selectors)), null, SECRET);
    }

    public static String subscriber(String... selectors) {
        return sign(Map.of("subscribe", List.of(selectors)), null, SECRET);
    }

    public static String subscriberWithPayload(Object payload, String... selectors) {
        Map<String, Object> mercure = new LinkedHashMap<>();
        mercure.put("subscribe", List.of(selectors));
        mercure.put("payload", payload);
        return sign(mercure, null, SECRET);
    }

    public static String subscriberExpiringAt(Instant expiry, String... selectors) {
        return sign(Map.of("subscribe", List.of(selectors)), expiry, SECRET);
    }

    /** Signs the {@code mercure} claim with the given secret (another secret makes a forged token). */
    public static String sign(Map<String, Object> mercure, Instant expiry, String secret) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().claim("mercure", mercure);
        if (expiry != null) {
            claims.expirationTime(Date.from(expiry));
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims.build());
        try {
            jwt.sign(new MACSigner(secret));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a test token", e);
        }
        return jwt.serialize();
    }
}
