package dev.herald.client.token;

/**
 * The JWS algorithms a token can be signed with. Herald verifies HS256, RS256 and ES256 (and EdDSA,
 * which this client does not sign); the others are for hubs that accept them (the reference hub
 * accepts any of these).
 */
public enum TokenAlgorithm {
    HS256(Family.HMAC, 256), HS384(Family.HMAC, 384), HS512(Family.HMAC, 512),
    RS256(Family.RSA, 256), RS384(Family.RSA, 384), RS512(Family.RSA, 512),
    /** ECDSA on P-256. */
    ES256(Family.EC, 256),
    /** ECDSA on P-384. */
    ES384(Family.EC, 384),
    /** ECDSA on P-521 (the algorithm's name says 512: the hash). */
    ES512(Family.EC, 521);

    /** The kind of key an algorithm signs with. */
    public enum Family { HMAC, RSA, EC }

    private final Family family;
    private final int bits;

    TokenAlgorithm(Family family, int bits) {
        this.family = family;
        this.bits = bits;
    }

    public Family family() {
        return family;
    }

    /** HMAC: the hash size, the least secret size (RFC 7518 §3.2); EC: the curve's field size. */
    int bits() {
        return bits;
    }
}
