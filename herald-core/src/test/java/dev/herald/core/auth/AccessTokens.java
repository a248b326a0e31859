package dev.herald.core.auth;

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
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.interfaces.ECPrivateKey;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

/** Draft-08 access tokens as an issuer mints them (RFC 9068), for the verifier's tests. */
final class AccessTokens {

    static final String ISSUER = "https://issuer.example.com";
    static final String RESOURCE = "https://hub.example.com/.well-known/mercure";
    static final JOSEObjectType AT_JWT = new JOSEObjectType("at+jwt");

    private AccessTokens() {}

    /** One Mercure authorization detail. */
    static Map<String, Object> detail(List<String> actions, List<Map<String, Object>> topics) {
        return Map.of("type", AuthorizationDetails.MERCURE_TYPE, "actions", actions, "topics", topics);
    }

    static Map<String, Object> exact(String match) {
        return Map.of("match", match);
    }

    static Map<String, Object> matcher(String match, String type) {
        return Map.of("match", match, "match_type", type);
    }

    /** Claims with {@code iss}, {@code aud} and {@code exp} set, and the given details. */
    static JWTClaimsSet.Builder claims(Instant expiry, Object details) {
        return new JWTClaimsSet.Builder().issuer(ISSUER).audience(RESOURCE).expirationTime(Date.from(expiry))
                .claim("authorization_details", details);
    }

    static String hs256(String secret, JWTClaimsSet claims) {
        return hs256(new JWSHeader.Builder(JWSAlgorithm.HS256).type(AT_JWT).build(), secret, claims);
    }

    static String hs256(JWSHeader header, String secret, JWTClaimsSet claims) {
        try {
            return sign(header, new MACSigner(secret.getBytes(StandardCharsets.UTF_8)), claims);
        } catch (JOSEException e) {
            throw new AssertionError(e);
        }
    }

    static String rs256(KeyPair pair, String kid, JWTClaimsSet claims) {
        return sign(new JWSHeader.Builder(JWSAlgorithm.RS256).type(AT_JWT).keyID(kid).build(),
                new RSASSASigner(pair.getPrivate()), claims);
    }

    static String es256(KeyPair pair, String kid, JWTClaimsSet claims) {
        try {
            return sign(new JWSHeader.Builder(JWSAlgorithm.ES256).type(AT_JWT).keyID(kid).build(),
                    new ECDSASigner((ECPrivateKey) pair.getPrivate()), claims);
        } catch (JOSEException e) {
            throw new AssertionError(e);
        }
    }

    static String sign(JWSHeader header, JWSSigner signer, JWTClaimsSet claims) {
        SignedJWT jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new AssertionError(e);
        }
        return jwt.serialize();
    }
}
