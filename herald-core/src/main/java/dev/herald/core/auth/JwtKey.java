package dev.herald.core.auth;

import com.nimbusds.jose.jwk.Curve;
import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Objects;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The key that verifies one role's tokens (publisher or subscriber), valid by construction: the key's
 * type always fits the algorithm, so a verifier built from it can only check that one algorithm.
 *
 * <ul>
 *   <li>{@link JwtAlgorithm#HS256}: a {@link SecretKey} of at least 32 bytes (256 bits, RFC 7518
 *       §3.2; Nimbus's MAC verifier requires it too). Shorter secrets can be brute-forced offline
 *       from a single token.
 *   <li>{@link JwtAlgorithm#RS256}: an {@link RSAPublicKey} of at least 2048 bits (RFC 7518 §3.3).
 *   <li>{@link JwtAlgorithm#ES256}: an {@link ECPublicKey} on P-256.
 *   <li>{@link JwtAlgorithm#EdDSA}: an {@link EdECPublicKey} on Ed25519 (Ed448 is not supported).
 * </ul>
 *
 * <p>Error messages name what is wrong and never echo the secret or the PEM text; {@link #toString()}
 * hides the secret, so a key can be logged with the configuration.
 */
public record JwtKey(JwtAlgorithm algorithm, Key key) {

    /** RFC 7518 §3.2: an HS256 key must be at least as long as the hash output. */
    public static final int MIN_HMAC_SECRET_BYTES = 32;
    /** RFC 7518 §3.3: RSA keys of 2048 bits or more. */
    public static final int MIN_RSA_BITS = 2048;
    private static final String ED25519 = "Ed25519";

    public JwtKey {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(key, "key");
        switch (algorithm) {
            case HS256 -> {
                if (!(key instanceof SecretKey secret)) {
                    throw new IllegalArgumentException("HS256 needs a shared secret (configured: " + describe(key) + ")");
                }
                byte[] encoded = secret.getEncoded();
                if (encoded == null || encoded.length < MIN_HMAC_SECRET_BYTES) {
                    throw new IllegalArgumentException("HS256 secret must be at least " + MIN_HMAC_SECRET_BYTES
                            + " bytes (256 bits); the configured one has " + (encoded == null ? 0 : encoded.length));
                }
            }
            case RS256 -> {
                if (!(key instanceof RSAPublicKey rsa)) {
                    throw new IllegalArgumentException("RS256 needs an RSA public key (configured: " + describe(key) + ")");
                }
                if (rsa.getModulus().bitLength() < MIN_RSA_BITS) {
                    throw new IllegalArgumentException("RS256 public key must be at least " + MIN_RSA_BITS
                            + " bits; the configured one has " + rsa.getModulus().bitLength());
                }
            }
            case ES256 -> {
                if (!(key instanceof ECPublicKey ec)) {
                    throw new IllegalArgumentException("ES256 needs an EC public key (configured: " + describe(key) + ")");
                }
                if (!Curve.P_256.equals(Curve.forECParameterSpec(ec.getParams()))) {
                    throw new IllegalArgumentException("ES256 public key must be on the P-256 curve");
                }
            }
            case EdDSA -> {
                if (!(key instanceof EdECPublicKey ed) || !ED25519.equalsIgnoreCase(ed.getParams().getName())) {
                    throw new IllegalArgumentException("EdDSA needs an Ed25519 public key (configured: " + describe(key) + ")");
                }
            }
        }
    }

    /**
     * A key from configuration text: for HS256 the shared secret itself (its UTF-8 bytes, as the
     * Mercure reference hub uses it); for RS256, ES256 and EdDSA a PEM {@code -----BEGIN PUBLIC KEY-----}
     * (SubjectPublicKeyInfo) or a PEM {@code -----BEGIN CERTIFICATE-----} whose public key is used.
     *
     * @throws IllegalArgumentException naming what is wrong, never echoing the secret or PEM
     */
    public static JwtKey parse(JwtAlgorithm algorithm, String secretOrPem) {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(secretOrPem, "secretOrPem");
        return switch (algorithm) {
            case HS256 -> {
                if (secretOrPem.strip().startsWith("-----BEGIN")) {
                    // A public key used as an HMAC secret is the algorithm-confusion attack set up by
                    // configuration: anyone holding the (public) key could then sign tokens.
                    throw new IllegalArgumentException(
                            "HS256 secret looks like a PEM key; configure RS256, ES256 or EdDSA to verify with a public key");
                }
                byte[] bytes = secretOrPem.getBytes(StandardCharsets.UTF_8);
                yield new JwtKey(algorithm, new SecretKeySpec(bytes, "HmacSHA256"));
            }
            case RS256 -> new JwtKey(algorithm, PemPublicKeys.parse(secretOrPem, "RSA", "RS256"));
            case ES256 -> new JwtKey(algorithm, PemPublicKeys.parse(secretOrPem, "EC", "ES256"));
            case EdDSA -> new JwtKey(algorithm, PemPublicKeys.parse(secretOrPem, ED25519, "EdDSA"));
        };
    }

    /** The algorithm and the key's kind; an HMAC secret is shown only by its length. */
    @Override
    public String toString() {
        if (key instanceof SecretKey secret) {
            return "JwtKey[" + algorithm + ", secret of " + secret.getEncoded().length + " bytes]";
        }
        return "JwtKey[" + algorithm + ", " + describe(key) + "]";
    }

    private static String describe(Key key) {
        if (key instanceof RSAPublicKey rsa) {
            return "RSA public key of " + rsa.getModulus().bitLength() + " bits";
        }
        if (key instanceof ECPublicKey) {
            return "EC public key";
        }
        if (key instanceof EdECPublicKey ed) {
            return ed.getParams().getName() + " public key";
        }
        if (key instanceof SecretKey) {
            return "shared secret";
        }
        return key.getAlgorithm() + " key";
    }
}
