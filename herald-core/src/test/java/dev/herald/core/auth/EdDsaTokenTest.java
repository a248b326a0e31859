package dev.herald.core.auth;

import static dev.herald.core.auth.AccessTokens.AT_JWT;
import static dev.herald.core.auth.AccessTokens.ISSUER;
import static dev.herald.core.auth.AccessTokens.RESOURCE;
import static dev.herald.core.auth.AccessTokens.claims;
import static dev.herald.core.auth.AccessTokens.detail;
import static dev.herald.core.auth.AccessTokens.exact;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.herald.core.auth.InvalidTokenException.Reason;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * EdDSA with Ed25519 keys (RFC 8037), which draft-08 recommends first: from a PEM key ({@code
 * --jwt-algorithm EdDSA}) and from an issuer's key set (OKP keys), verified by the JDK's own provider. An
 * EdDSA key accepts EdDSA tokens only, and no other key accepts them.
 */
class EdDsaTokenTest {

    private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");
    private static final KeyPair ED = TestKeys.ed("Ed25519");
    private static final KeyPair OTHER_ED = TestKeys.ed("Ed25519");
    private static final KeyPair RSA = TestKeys.rsa(2048);
    private static final JWTClaimsSet PUBLISH_ANYTHING = new JWTClaimsSet.Builder()
            .claim("mercure", Map.of("publish", List.of("*"))).build();
    private static final JWTClaimsSet ACCESS_TOKEN = claims(NOW.plusSeconds(3600),
            List.of(detail(List.of("publish"), List.of(exact("*"))))).build();

    @TempDir
    Path dir;

    private static TokenVerifier draft07(JwtKey key) {
        return new TokenVerifier(key, TokenVerifier.DEFAULT_CLOCK_SKEW, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static TokenVerifier issuer(TrustedKeys keys) {
        return new TokenVerifier(Optional.empty(), new AccessTokenRules(Set.of(RESOURCE), Map.of(ISSUER, keys),
                UrlPatternGrants.NOT_SUPPORTED_YET), TokenVerifier.DEFAULT_CLOCK_SKEW, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static JwtKey edKey() {
        return JwtKey.parse(JwtAlgorithm.EdDSA, TestKeys.pem(ED.getPublic()));
    }

    private static String edToken(KeyPair pair, String alg, JWTClaimsSet claims) {
        return TestKeys.signEd25519(pair, new JWSHeader.Builder(JWSAlgorithm.parse(alg)).build(), claims);
    }

    private static Reason refusal(TokenVerifier verifier, String token) {
        try {
            verifier.verify(token);
        } catch (InvalidTokenException refused) {
            return refused.reason();
        }
        throw new AssertionError("the token was accepted");
    }

    @Test
    void aTokenSignedByTheEd25519PrivateKeyIsAccepted() {
        Claims claims = draft07(edKey()).verify(edToken(ED, "EdDSA", PUBLISH_ANYTHING));

        assertThat(claims.publish()).as("the mercure claim as signed").hasSize(1);
    }

    @Test
    void theFullySpecifiedAlgorithmNameEd25519IsTheSameAlgorithm() {
        assertThat(draft07(edKey()).verify(edToken(ED, "Ed25519", PUBLISH_ANYTHING)).publish())
                .as("RFC 9864's name for EdDSA on Ed25519").hasSize(1);
    }

    @Test
    void aTamperedTokenIsRefused() {
        String token = edToken(ED, "EdDSA", PUBLISH_ANYTHING);
        String[] parts = token.split("\\.");
        String tampered = parts[0] + "." + TestKeys.base64Url("{\"mercure\":{\"publish\":[\"*\"],\"subscribe\":[\"*\"]}}")
                + "." + parts[2];

        assertThat(refusal(draft07(edKey()), tampered)).isEqualTo(Reason.BAD_SIGNATURE);
    }

    @Test
    void aTokenSignedByAnotherEd25519KeyIsRefused() {
        assertThat(refusal(draft07(edKey()), edToken(OTHER_ED, "EdDSA", PUBLISH_ANYTHING))).isEqualTo(Reason.BAD_SIGNATURE);
    }

    @Test
    void aSignatureOfTheWrongLengthIsRefusedAsBad() {
        String token = edToken(ED, "EdDSA", PUBLISH_ANYTHING);

        assertThat(refusal(draft07(edKey()), token.substring(0, token.length() - 4))).isEqualTo(Reason.BAD_SIGNATURE);
    }

    @Test
    void anEdDsaKeyNeverAcceptsAnHs256OrRs256Token() {
        String secret = TestKeys.hmacSecret();

        assertThat(refusal(draft07(edKey()), TestKeys.signHs256(secret, PUBLISH_ANYTHING))).isEqualTo(Reason.WRONG_ALGORITHM);
        assertThat(refusal(draft07(edKey()), TestKeys.signRs256(RSA, PUBLISH_ANYTHING))).isEqualTo(Reason.WRONG_ALGORITHM);
    }

    @Test
    void anHs256TokenKeyedWithTheEd25519PublicKeyIsRefused() {
        // Algorithm confusion: the public key's bytes used as an HMAC secret by whoever knows them.
        String token = TestKeys.signHs256(ED.getPublic().getEncoded(), PUBLISH_ANYTHING);

        assertThat(refusal(draft07(edKey()), token)).isEqualTo(Reason.WRONG_ALGORITHM);
    }

    @Test
    void hs256AndRs256KeysNeverAcceptAnEdDsaToken() {
        JwtKey hmac = JwtKey.parse(JwtAlgorithm.HS256, TestKeys.hmacSecret());
        JwtKey rsa = JwtKey.parse(JwtAlgorithm.RS256, TestKeys.pem(RSA.getPublic()));

        assertThat(refusal(draft07(hmac), edToken(ED, "EdDSA", PUBLISH_ANYTHING))).isEqualTo(Reason.WRONG_ALGORITHM);
        assertThat(refusal(draft07(rsa), edToken(ED, "EdDSA", PUBLISH_ANYTHING))).isEqualTo(Reason.WRONG_ALGORITHM);
    }

    @Test
    void anEdDsaTokenWithAnUnknownCriticalHeaderIsRefused() {
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.EdDSA).criticalParams(Set.of("x-unknown"))
                .customParam("x-unknown", 1).build();

        assertThat(refusal(draft07(edKey()), TestKeys.signEd25519(ED, header, PUBLISH_ANYTHING)))
                .isEqualTo(Reason.BAD_SIGNATURE);
    }

    @Test
    void anIssuersEdDsaAccessTokenIsAccepted() {
        String token = TestKeys.signEd25519(ED, new JWSHeader.Builder(JWSAlgorithm.EdDSA).type(AT_JWT).build(), ACCESS_TOKEN);

        assertThat(issuer(TrustedKeys.of(List.of(edKey()))).verify(token).publish()).hasSize(1);
    }

    @Test
    void anOkpKeyOfAKeySetVerifiesEdDsaTokens() throws IOException {
        OctetKeyPair okp = new OctetKeyPair.Builder(Curve.Ed25519, Base64URL.encode(TestKeys.rawEd25519(ED.getPublic())))
                .keyID("ed").build();
        Path file = Files.writeString(dir.resolve("jwks.json"), new JWKSet(okp).toString());
        String token = TestKeys.signEd25519(ED,
                new JWSHeader.Builder(JWSAlgorithm.EdDSA).type(AT_JWT).keyID("ed").build(), ACCESS_TOKEN);

        assertThat(issuer(JwksKeys.of(file.toUri(), JwksKeys.Options.DEFAULTS)).verify(token).publish()).hasSize(1);
    }

    @Test
    void anEd448KeyOfAKeySetIsNeverUsed() throws IOException {
        OctetKeyPair ed448 = new OctetKeyPair.Builder(Curve.Ed448, Base64URL.encode(new byte[57])).keyID("ed").build();
        Path file = Files.writeString(dir.resolve("jwks.json"), new JWKSet(ed448).toString());
        String token = TestKeys.signEd25519(ED,
                new JWSHeader.Builder(JWSAlgorithm.EdDSA).type(AT_JWT).keyID("ed").build(), ACCESS_TOKEN);

        assertThat(refusal(issuer(JwksKeys.of(file.toUri(), new JwksKeys.Options(Duration.ofMinutes(5), Duration.ofMinutes(1),
                Duration.ofSeconds(5)))), token)).isEqualTo(Reason.WRONG_ALGORITHM);
    }

    @Test
    void onlyAnEd25519PublicKeyIsAnEdDsaKey() {
        assertThatIllegalArgumentException().isThrownBy(() -> JwtKey.parse(JwtAlgorithm.EdDSA,
                TestKeys.pem(TestKeys.ed("Ed448").getPublic()))).withMessageContaining("EdDSA needs an Ed25519 public key");
        assertThatIllegalArgumentException().isThrownBy(() -> JwtKey.parse(JwtAlgorithm.EdDSA, TestKeys.pem(RSA.getPublic())))
                .withMessageContaining("EdDSA needs an Ed25519 public key");
        assertThatIllegalArgumentException().isThrownBy(() -> JwtKey.parse(JwtAlgorithm.EdDSA, TestKeys.hmacSecret()))
                .as("a secret is no public key").withMessageContaining("EdDSA needs a PEM public key");
        assertThatIllegalArgumentException().isThrownBy(() -> JwtKey.parse(JwtAlgorithm.ES256, TestKeys.pem(ED.getPublic())))
                .withMessageContaining("ES256 needs an EC public key");
    }

    @Test
    void anEd25519PemIsNeverAnHs256Secret() {
        assertThatIllegalArgumentException().isThrownBy(() -> JwtKey.parse(JwtAlgorithm.HS256, TestKeys.pem(ED.getPublic())))
                .withMessageContaining("HS256 secret looks like a PEM key");
    }

    @Test
    void theAlgorithmIsReadInAnyCase() {
        assertThat(JwtAlgorithm.parse("eddsa")).isEqualTo(JwtAlgorithm.EdDSA);
        assertThat(JwtAlgorithm.parse(" RS256 ")).isEqualTo(JwtAlgorithm.RS256);
        assertThatIllegalArgumentException().isThrownBy(() -> JwtAlgorithm.parse("Ed448"))
                .withMessage("algorithm must be one of HS256, RS256, ES256, EdDSA");
        assertThat(edKey().toString()).isEqualTo("JwtKey[EdDSA, Ed25519 public key]");
    }
}
