package dev.herald.core.auth;

import com.nimbusds.jose.JWSAlgorithm;
import java.util.Optional;

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
    ES256(JWSAlgorithm.ES256),
    /**
     * EdDSA (RFC 8037) with an Ed25519 public key, which draft-08 recommends first. A token may name it
     * {@code EdDSA} or, as RFC 9864 now prefers, {@code Ed25519}: the same algorithm on the same key, so
     * accepting both confuses nothing.
     */
    EdDSA(JWSAlgorithm.EdDSA);

    private final JWSAlgorithm jws;

    JwtAlgorithm(JWSAlgorithm jws) {
        this.jws = jws;
    }

    /** The Nimbus algorithm a key of this kind signs with. */
    JWSAlgorithm jws() {
        return jws;
    }

    /** True when a token whose {@code alg} header says {@code alg} is checked with a key of this algorithm. */
    boolean accepts(JWSAlgorithm alg) {
        return jws.equals(alg) || (this == EdDSA && JWSAlgorithm.Ed25519.equals(alg));
    }

    /** The algorithm a token's {@code alg} names, if a hub key may have it. */
    static Optional<JwtAlgorithm> of(JWSAlgorithm alg) {
        for (JwtAlgorithm algorithm : values()) {
            if (algorithm.accepts(alg)) {
                return Optional.of(algorithm);
            }
        }
        return Optional.empty();
    }

    /**
     * The algorithm of a configuration's text, in any case ({@code eddsa}, {@code rs256}).
     *
     * @throws IllegalArgumentException naming the algorithms there are
     */
    public static JwtAlgorithm parse(String text) {
        for (JwtAlgorithm algorithm : values()) {
            if (algorithm.name().equalsIgnoreCase(text.strip())) {
                return algorithm;
            }
        }
        throw new IllegalArgumentException("algorithm must be one of HS256, RS256, ES256, EdDSA");
    }
}
