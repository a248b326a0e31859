package dev.herald.client.token;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The key a token is signed with, valid by construction: its kind and size fit the algorithm. Errors
 * name what is wrong and never echo the secret or the PEM text; {@link #toString()} hides the secret.
 */
public record SigningKey(TokenAlgorithm algorithm, Key key, Optional<String> keyId) {

    /** RFC 7518 §3.3: RSA keys of 2048 bits or more. */
    public static final int MIN_RSA_BITS = 2048;

    /**
     * @param keyId the {@code kid} header of the tokens it signs: which of an issuer's keys verifies
     *     them, for hubs that take the issuer's keys from a JWKS (and rotate them)
     */
    public SigningKey {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(keyId, "keyId");
        switch (algorithm.family()) {
            case HMAC -> {
                if (!(key instanceof SecretKey secret) || secret.getEncoded() == null) {
                    throw new IllegalArgumentException(algorithm + " needs a shared secret");
                }
                int bytes = algorithm.bits() / 8;
                if (secret.getEncoded().length < bytes) {
                    // RFC 7518 §3.2: a shorter secret can be brute-forced offline from one token.
                    throw new IllegalArgumentException(algorithm + " secret must be at least " + bytes + " bytes; this one has "
                            + secret.getEncoded().length);
                }
            }
            case RSA -> {
                if (!(key instanceof RSAPrivateKey rsa)) {
                    throw new IllegalArgumentException(algorithm + " needs an RSA private key");
                }
                if (rsa.getModulus().bitLength() < MIN_RSA_BITS) {
                    throw new IllegalArgumentException(algorithm + " private key must be at least " + MIN_RSA_BITS
                            + " bits; this one has " + rsa.getModulus().bitLength());
                }
            }
            case EC -> {
                if (!(key instanceof ECPrivateKey ec)) {
                    throw new IllegalArgumentException(algorithm + " needs an EC private key");
                }
                int fieldSize = ec.getParams().getCurve().getField().getFieldSize();
                if (fieldSize != algorithm.bits()) {
                    throw new IllegalArgumentException(algorithm + " needs a key on P-" + algorithm.bits()
                            + "; this one's curve has " + fieldSize + " bits");
                }
            }
        }
    }

    public SigningKey(TokenAlgorithm algorithm, Key key) {
        this(algorithm, key, Optional.empty());
    }

    /** This key, naming itself {@code kid} in the tokens it signs. */
    public SigningKey withKeyId(String kid) {
        Objects.requireNonNull(kid, "kid");
        if (kid.isEmpty()) {
            throw new IllegalArgumentException("a key id cannot be empty");
        }
        return new SigningKey(algorithm, key, Optional.of(kid));
    }

    /** An HMAC secret: its UTF-8 bytes, as the Mercure reference hub and Herald read {@code --jwt-key}. */
    public static SigningKey secret(TokenAlgorithm algorithm, String secret) {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(secret, "secret");
        if (algorithm.family() != TokenAlgorithm.Family.HMAC) {
            throw new IllegalArgumentException(algorithm + " signs with a private key (PEM), not a secret");
        }
        if (secret.strip().startsWith("-----BEGIN")) {
            throw new IllegalArgumentException(algorithm + " secret looks like a PEM key; choose RS* or ES* for a private key");
        }
        return new SigningKey(algorithm, new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8),
                "Hmac" + algorithm.name().replace("HS", "SHA")));
    }

    /**
     * A private key in PEM, PKCS#8 ({@code -----BEGIN PRIVATE KEY-----}, what {@code openssl genpkey}
     * writes). Older forms are refused with the command that converts them:
     * {@code openssl pkcs8 -topk8 -nocrypt -in old.pem -out key.pem}.
     */
    public static SigningKey pem(TokenAlgorithm algorithm, String pem) {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(pem, "pem");
        if (algorithm.family() == TokenAlgorithm.Family.HMAC) {
            throw new IllegalArgumentException(algorithm + " signs with a shared secret, not a PEM key");
        }
        String text = pem.strip();
        String begin = "-----BEGIN PRIVATE KEY-----";
        String end = "-----END PRIVATE KEY-----";
        int from = text.indexOf(begin);
        int to = text.indexOf(end);
        if (from < 0 || to < from) {
            String convert = " (convert it: openssl pkcs8 -topk8 -nocrypt -in old.pem -out key.pem)";
            if (text.contains("-----BEGIN RSA PRIVATE KEY-----") || text.contains("-----BEGIN EC PRIVATE KEY-----")) {
                throw new IllegalArgumentException("the PEM key is in the old PKCS#1/SEC1 form; PKCS#8 is needed" + convert);
            }
            if (text.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----")) {
                throw new IllegalArgumentException("the PEM key is encrypted; an unencrypted PKCS#8 key is needed" + convert);
            }
            throw new IllegalArgumentException("not a PEM private key (-----BEGIN PRIVATE KEY-----)");
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(text.substring(from + begin.length(), to));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the PEM private key is not valid base64");
        }
        String keyAlgorithm = algorithm.family() == TokenAlgorithm.Family.RSA ? "RSA" : "EC";
        try {
            Key key = KeyFactory.getInstance(keyAlgorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            return new SigningKey(algorithm, key);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the PEM private key is not an " + keyAlgorithm + " key, as "
                    + algorithm + " needs");
        }
    }

    @Override
    public String toString() {
        if (key instanceof SecretKey secret) {
            return "SigningKey[" + algorithm + ", secret of " + secret.getEncoded().length + " bytes" + kid() + "]";
        }
        return "SigningKey[" + algorithm + ", " + key.getAlgorithm() + " private key" + kid() + "]";
    }

    private String kid() {
        return keyId.map(kid -> ", kid " + kid).orElse("");
    }
}
