package dev.herald.core.auth;

import com.nimbusds.jose.JWSAlgorithm;

/**
 * The JWS algorithms a hub key may be configured with. A {@link TokenVerifier} accepts tokens signed
 * with its key's one algorithm and no other: the algorithm comes from configuration, never from the
 * token's own {@code alg} header.
 */
public enum JwtAlgorithm {
    /** HMAC with SHA-256 and a shared secret of at least 256 bits. */
    HS256(JWSAlgorithm.HS256),
    /** RSASSA-PKCS1-v1_5 with SHA-256 and an RSA public key of at least 2048 bits. */
    RS256(JWSAlgorithm.RS256),
    /** ECDSA with SHA-256 and a public key on the P-256 curve. */
    ES256(JWSAlgorithm.ES256);

    private final JWSAlgorithm jws;

    JwtAlgorithm(JWSAlgorithm jws) {
        this.jws = jws;
    }

    /** The Nimbus algorithm, compared with a token's {@code alg} header. */
    JWSAlgorithm jws() {
        return jws;
    }
}
