package dev.herald.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import javax.crypto.SecretKey;
import org.junit.jupiter.api.Test;

/** Keys are valid by construction, and configuration errors name the problem without the secret. */
class JwtKeyTest {

    private static final KeyPair RSA = TestKeys.rsa(2048);
    private static final KeyPair EC = TestKeys.ec("secp256r1");

    @Test
    void hs256SecretOf32BytesIsAccepted() {
        JwtKey key = JwtKey.parse(JwtAlgorithm.HS256, "0123456789abcdef0123456789abcdef");

        assertThat(key.algorithm()).isEqualTo(JwtAlgorithm.HS256);
        assertThat(key.key()).isInstanceOf(SecretKey.class);
        assertThat(key.key().getEncoded()).isEqualTo("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void shortHs256SecretIsRejectedAtConfiguration() {
        String secret = "only-31-bytes-long-secret-here!";

        assertThatIllegalArgumentException()
                .isThrownBy(() -> JwtKey.parse(JwtAlgorithm.HS256, secret))
                .withMessage("HS256 secret must be at least 32 bytes (256 bits); the configured one has 31")
                .withMessageNotContaining(secret);
    }

    @Test
    void publicKeyPemAsHs256SecretIsRejectedAtConfiguration() {
        // The server-side half of algorithm confusion: a public key as HMAC secret lets anyone sign.
        assertThatIllegalArgumentException()
                .isThrownBy(() -> JwtKey.parse(JwtAlgorithm.HS256, TestKeys.pem(RSA.getPublic())))
                .withMessageContaining("looks like a PEM key");
    }

    @Test
    void rsaPublicKeyPemIsAcceptedForRs256() {
        JwtKey key = JwtKey.parse(JwtAlgorithm.RS256, TestKeys.pem(RSA.getPublic()));

        assertThat(key.key()).isEqualTo(RSA.getPublic());
    }

    @Test
    void ecPublicKeyPemIsAcceptedForEs256() {
        JwtKey key = JwtKey.parse(JwtAlgorithm.ES256, TestKeys.pem(EC.getPublic()));

        assertThat(key.key()).isEqualTo(EC.getPublic());
    }

    @Test
    void certificatePemIsAcceptedForItsPublicKey() throws IOException, CertificateException {
        String pem = resource("rsa-2048-cert.pem");

        JwtKey key = JwtKey.parse(JwtAlgorithm.RS256, pem);

        assertThat(key.key()).isInstanceOf(RSAPublicKey.class).isEqualTo(certificatePublicKey(pem));
    }

    @Test
    void ecKeyIsRejectedForRs256() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> JwtKey.parse(JwtAlgorithm.RS256, TestKeys.pem(EC.getPublic())))
                .withMessage("RS256 needs an RSA public key; the PEM 'PUBLIC KEY' block is not one");
    }

    @Test
    void rsaKeyIsRejectedForEs256() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> JwtKey.parse(JwtAlgorithm.ES256, TestKeys.pem(RSA.getPublic())))
                .withMessage("ES256 needs an EC public key; the PEM 'PUBLIC KEY' block is not one");
    }

    @Test
    void ecKeyOnAnotherCurveIsRejectedForEs256() {
        KeyPair p384 = TestKeys.ec("secp384r1");

        assertThatIllegalArgumentException()
                .isThrownBy(() -> JwtKey.parse(JwtAlgorithm.ES256, TestKeys.pem(p384.getPublic())))
                .withMessage("ES256 public key must be on the P-256 curve");
    }

    @Test
    void rsaKeyShorterThan2048BitsIsRejected() {
        KeyPair weak = TestKeys.rsa(1024);

        assertThatIllegalArgumentException()
                .isThrownBy(() -> JwtKey.parse(JwtAlgorithm.RS256, TestKeys.pem(weak.getPublic())))
                .withMessage("RS256 public key must be at least 2048 bits; the configured one has 1024");
    }

    @Test
    void privateKeyPemIsRejectedWithoutEchoingIt() {
        String body = Base64.getMimeEncoder().encodeToString(RSA.getPrivate().getEncoded());
        String pem = "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n";

        assertThatIllegalArgumentException()
                .isThrownBy(() -> JwtKey.parse(JwtAlgorithm.RS256, pem))
                .withMessageContaining("private key")
                .withMessageNotContaining(body.substring(0, 20));
    }

    @Test
    void textThatIsNotPemIsRejected() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> JwtKey.parse(JwtAlgorithm.ES256, "not a key"))
                .withMessageStartingWith("ES256 needs a PEM public key");
    }

    @Test
    void damagedPemBodyIsRejected() {
        String pem = "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----";

        assertThatIllegalArgumentException()
                .isThrownBy(() -> JwtKey.parse(JwtAlgorithm.RS256, pem))
                .withMessage("RS256 needs an RSA public key; the PEM 'PUBLIC KEY' block is not one");
    }

    @Test
    void keyOfTheWrongKindIsRejectedByTheConstructor() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new JwtKey(JwtAlgorithm.HS256, RSA.getPublic()))
                .withMessage("HS256 needs a shared secret (configured: RSA public key of 2048 bits)");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new JwtKey(JwtAlgorithm.ES256, RSA.getPublic()))
                .withMessage("ES256 needs an EC public key (configured: RSA public key of 2048 bits)");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new JwtKey(JwtAlgorithm.RS256, EC.getPublic()))
                .withMessage("RS256 needs an RSA public key (configured: EC public key)");
    }

    @Test
    void toStringHidesTheSecret() {
        String secret = TestKeys.hmacSecret();

        assertThat(JwtKey.parse(JwtAlgorithm.HS256, secret))
                .hasToString("JwtKey[HS256, secret of 43 bytes]")
                .asString().doesNotContain(secret);
    }

    @Test
    void toStringNamesThePublicKeyKind() {
        assertThat(JwtKey.parse(JwtAlgorithm.ES256, TestKeys.pem(EC.getPublic())))
                .hasToString("JwtKey[ES256, EC public key]");
        assertThat(JwtKey.parse(JwtAlgorithm.RS256, TestKeys.pem(RSA.getPublic())))
                .hasToString("JwtKey[RS256, RSA public key of 2048 bits]");
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = JwtKeyTest.class.getResourceAsStream(name)) {
            assertThat(in).as("test resource %s should exist", name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }

    private static PublicKey certificatePublicKey(String pem) throws CertificateException {
        return CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))
                .getPublicKey();
    }
}
