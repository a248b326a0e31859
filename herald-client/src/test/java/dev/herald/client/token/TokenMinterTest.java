package dev.herald.client.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.text.ParseException;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Tokens as a hub verifies them: the algorithm, the signature, the mercure claim and the expiry. */
class TokenMinterTest {

    /** 32 bytes: the least an HS256 secret may have. Made up for this test, used nowhere else. */
    private static final String SECRET = "a-test-secret-of-32-bytes-length";

    @Test
    void anHs256TokenCarriesTheMercureClaimAndVerifiesWithTheSecret() throws Exception {
        String jwt = TokenMinter.mint(MercureClaims.publisher("*").withSubscribe(List.of("https://example.com/{id}")),
                SigningKey.secret(TokenAlgorithm.HS256, SECRET));

        SignedJWT parsed = verified(jwt, new MACVerifier(SECRET.getBytes(StandardCharsets.UTF_8)));
        assertThat(parsed.getHeader().getAlgorithm().getName()).isEqualTo("HS256");
        assertThat(parsed.getJWTClaimsSet().getJSONObjectClaim("mercure"))
                .isEqualTo(Map.of("publish", List.of("*"), "subscribe", List.of("https://example.com/{id}")));
        assertThat(parsed.getJWTClaimsSet().getExpirationTime()).as("no expiry unless asked").isNull();
    }

    @Test
    void anEmptyRoleIsLeftOutOfTheClaim() throws Exception {
        String jwt = TokenMinter.mint(MercureClaims.subscriber("*"), SigningKey.secret(TokenAlgorithm.HS256, SECRET));

        assertThat(SignedJWT.parse(jwt).getJWTClaimsSet().getJSONObjectClaim("mercure"))
                .isEqualTo(Map.of("subscribe", List.of("*")));
    }

    @Test
    void theExpiryIsTheExpClaimInSeconds() throws Exception {
        Instant expiry = Instant.parse("2030-01-01T00:00:00Z");
        String jwt = TokenMinter.mint(MercureClaims.publisher("*").expiringAt(expiry),
                SigningKey.secret(TokenAlgorithm.HS256, SECRET));

        assertThat(SignedJWT.parse(jwt).getJWTClaimsSet().getExpirationTime()).isEqualTo(Date.from(expiry));
    }

    @Test
    void hs512NeedsASecretOfSixtyFourBytes() {
        assertThatThrownBy(() -> SigningKey.secret(TokenAlgorithm.HS512, SECRET))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("HS512 secret must be at least 64 bytes; this one has 32");
    }

    @Test
    void aShortSecretIsRefusedWithoutEchoingIt() {
        assertThatThrownBy(() -> SigningKey.secret(TokenAlgorithm.HS256, "short"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("short").hasMessageContaining("at least 32 bytes");
    }

    @Test
    void anRs256TokenSignedWithAPkcs8PemKeyVerifiesWithItsPublicKey() throws Exception {
        KeyPair pair = generate("RSA", null);
        String jwt = TokenMinter.mint(MercureClaims.publisher("*"), SigningKey.pem(TokenAlgorithm.RS256, pem(pair.getPrivate())));

        assertThat(verified(jwt, new RSASSAVerifier((RSAPublicKey) pair.getPublic())).getHeader().getAlgorithm().getName())
                .isEqualTo("RS256");
    }

    @Test
    void anEs256TokenVerifiesWithItsPublicKey() throws Exception {
        KeyPair pair = generate("EC", "secp256r1");
        String jwt = TokenMinter.mint(MercureClaims.publisher("*"), SigningKey.pem(TokenAlgorithm.ES256, pem(pair.getPrivate())));

        assertThat(verified(jwt, new ECDSAVerifier((ECPublicKey) pair.getPublic())).getHeader().getAlgorithm().getName())
                .isEqualTo("ES256");
    }

    @Test
    void anEcKeyOnAnotherCurveThanTheAlgorithmsIsRefused() {
        KeyPair pair = generate("EC", "secp384r1");

        assertThatThrownBy(() -> SigningKey.pem(TokenAlgorithm.ES256, pem(pair.getPrivate())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ES256 needs a key on P-256");
    }

    @Test
    void anOldFormPemKeyIsRefusedWithTheCommandThatConvertsIt() {
        assertThatThrownBy(() -> SigningKey.pem(TokenAlgorithm.ES256, "-----BEGIN EC PRIVATE KEY-----\nAAAA\n-----END EC PRIVATE KEY-----"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("openssl pkcs8 -topk8 -nocrypt");
    }

    @Test
    void anRsaKeyForAnEcAlgorithmIsRefused() {
        KeyPair pair = generate("RSA", null);

        assertThatThrownBy(() -> SigningKey.pem(TokenAlgorithm.ES256, pem(pair.getPrivate())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not an EC key");
    }

    private static SignedJWT verified(String jwt, JWSVerifier verifier) throws ParseException, JOSEException {
        SignedJWT parsed = SignedJWT.parse(jwt);
        assertThat(parsed.verify(verifier)).as("the signature verifies with the matching key").isTrue();
        return parsed;
    }

    private static KeyPair generate(String algorithm, String curve) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            if (curve == null) {
                generator.initialize(2048);
            } else {
                generator.initialize(new ECGenParameterSpec(curve));
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    /** PKCS#8 PEM, as {@code openssl genpkey} writes it. */
    private static String pem(PrivateKey key) {
        return "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
    }
}
