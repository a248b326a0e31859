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
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import javax.crypto.SecretKey;

/**
 * Signs draft-07 Mercure tokens:
 *
 * <pre>{@code
 * String jwt = TokenMinter.mint(MercureClaims.publisher("*").expiringAt(Instant.now().plus(Duration.ofHours(1))),
 *         SigningKey.secret(TokenAlgorithm.HS256, secret));
 * }</pre>
 *
 * <p>Needs Nimbus JOSE+JWT on the class path ({@code com.nimbusds:nimbus-jose-jwt}): herald-client
 * declares it optional, so only applications that mint tokens add it. Signing (HMAC, RSA, ECDSA and
 * their encodings) is what Nimbus gets right and a hand-made signer easily gets subtly wrong.
 */
public final class TokenMinter {

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
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.parse(key.algorithm().name())).type(JOSEObjectType.JWT)
                .build();
        SignedJWT jwt = new SignedJWT(header, set.build());
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
