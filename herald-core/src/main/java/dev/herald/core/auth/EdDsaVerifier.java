package dev.herald.core.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.impl.CriticalHeaderParamsDeferral;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.util.Base64URL;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.interfaces.EdECPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Set;

/**
 * Verifies EdDSA signatures (RFC 8037) with an Ed25519 public key through the JDK's own provider (Java 15+,
 * JEP 339). Nimbus's {@code Ed25519Verifier} would need Google Tink, which brings protobuf-java and Gson
 * (1.23.0: 2.8 + 1.9 + 0.3 MB of jars, about 5 MB beside Nimbus's 0.8), for one signature check the JDK
 * does natively. Like Nimbus's verifiers it refuses a token with a
 * critical header parameter it does not understand (RFC 7515 §4.1.11). Immutable and thread-safe.
 */
final class EdDsaVerifier implements JWSVerifier {

    /** The DER SubjectPublicKeyInfo prefix of an Ed25519 key (RFC 8410): the 32 raw key bytes follow it. */
    private static final byte[] ED25519_SPKI_PREFIX = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};
    private static final int ED25519_KEY_BYTES = 32;

    private final EdECPublicKey key;
    private final CriticalHeaderParamsDeferral critical = new CriticalHeaderParamsDeferral();
    private final JCAContext jca = new JCAContext();

    EdDsaVerifier(EdECPublicKey key) {
        this.key = key;
    }

    /**
     * The Ed25519 public key of an OKP JWK's {@code x} (RFC 8037 §2: the 32 raw bytes).
     *
     * @throws IllegalArgumentException when the bytes are not an Ed25519 public key
     */
    static PublicKey ed25519(byte[] raw) {
        if (raw == null || raw.length != ED25519_KEY_BYTES) {
            throw new IllegalArgumentException("an Ed25519 public key has 32 bytes");
        }
        byte[] der = new byte[ED25519_SPKI_PREFIX.length + ED25519_KEY_BYTES];
        System.arraycopy(ED25519_SPKI_PREFIX, 0, der, 0, ED25519_SPKI_PREFIX.length);
        System.arraycopy(raw, 0, der, ED25519_SPKI_PREFIX.length, ED25519_KEY_BYTES);
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an Ed25519 public key");
        }
    }

    @Override
    public boolean verify(JWSHeader header, byte[] signingInput, Base64URL signature) throws JOSEException {
        if (!JwtAlgorithm.EdDSA.accepts(header.getAlgorithm()) || !critical.headerPasses(header)) {
            return false;
        }
        try {
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(key);
            verifier.update(signingInput);
            return verifier.verify(signature.decode());
        } catch (SignatureException | InvalidKeyException unusable) {
            return false; // a signature of the wrong length or shape is simply not a valid one
        } catch (NoSuchAlgorithmException e) {
            throw new JOSEException("this JDK has no Ed25519", e);
        }
    }

    @Override
    public Set<JWSAlgorithm> supportedJWSAlgorithms() {
        return Set.of(JWSAlgorithm.EdDSA, JWSAlgorithm.Ed25519);
    }

    @Override
    public JCAContext getJCAContext() {
        return jca;
    }
}
