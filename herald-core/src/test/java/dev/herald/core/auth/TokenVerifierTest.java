package dev.herald.core.auth;

import static dev.herald.core.auth.TestKeys.base64Url;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.herald.core.auth.InvalidTokenException.Reason;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The rules a token must pass, one test per rule (see {@link TokenVerifier}). */
class TokenVerifierTest {

    private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final KeyPair RSA = TestKeys.rsa(2048);
    private static final KeyPair EC = TestKeys.ec("secp256r1");

    private final String secret = TestKeys.hmacSecret();

    @Test
    void validHs256TokenIsAccepted() {
        Claims claims = verifier(JwtKey.parse(JwtAlgorithm.HS256, secret))
                .verify(TestKeys.signHs256(secret, publisherClaims()));

        assertThat(claims.publish()).extracting(s -> s.text()).containsExactly("*");
    }

    @Test
    void validRs256TokenIsAccepted() {
        Claims claims = verifier(rs256Key()).verify(TestKeys.signRs256(RSA, publisherClaims()));

        assertThat(claims.publish()).extracting(s -> s.text()).containsExactly("*");
    }

    @Test
    void validEs256TokenIsAccepted() {
        JwtKey key = JwtKey.parse(JwtAlgorithm.ES256, TestKeys.pem(EC.getPublic()));

        Claims claims = verifier(key).verify(TestKeys.signEs256(EC, publisherClaims()));

        assertThat(claims.publish()).extracting(s -> s.text()).containsExactly("*");
    }

    @Test
    void unsecuredAlgNoneTokenIsRejected() {
        String unsecured = base64Url("{\"alg\":\"none\"}") + "." + base64Url(everythingAllowedJson()) + ".";

        assertRejected(verifier(JwtKey.parse(JwtAlgorithm.HS256, secret)), unsecured, Reason.WRONG_ALGORITHM);
    }

    @ParameterizedTest
    @ValueSource(strings = {"None", "NONE", "nOnE"})
    void algNoneSpelledOtherwiseIsRejected(String none) {
        // Some libraries compared "none" case-insensitively; to Nimbus these are unknown JWS
        // algorithms with an empty signature, refused before any verification is attempted.
        String unsecured = base64Url("{\"alg\":\"" + none + "\"}") + "." + base64Url(everythingAllowedJson()) + ".";

        assertThatThrownBy(() -> verifier(JwtKey.parse(JwtAlgorithm.HS256, secret)).verify(unsecured))
                .isInstanceOf(InvalidTokenException.class);
    }

    @Test
    void hs256TokenIsRejectedWhenRs256IsConfigured() {
        String hs256 = TestKeys.signHs256(secret, publisherClaims());

        assertRejected(verifier(rs256Key()), hs256, Reason.WRONG_ALGORITHM);
    }

    @Test
    void rs256TokenIsRejectedWhenHs256IsConfigured() {
        String rs256 = TestKeys.signRs256(RSA, publisherClaims());

        assertRejected(verifier(JwtKey.parse(JwtAlgorithm.HS256, secret)), rs256, Reason.WRONG_ALGORITHM);
    }

    @Test
    void hs256TokenSignedWithTheRs256PublicKeyIsRejected() {
        // Algorithm confusion: the public key is public, so an attacker can use its PEM text or DER
        // bytes as an HMAC secret; a verifier that trusted the token's alg would accept the result.
        String pem = TestKeys.pem(RSA.getPublic());
        TokenVerifier verifier = verifier(JwtKey.parse(JwtAlgorithm.RS256, pem));

        assertRejected(verifier, TestKeys.signHs256(pem, publisherClaims()), Reason.WRONG_ALGORITHM);
        assertRejected(verifier, TestKeys.signHs256(RSA.getPublic().getEncoded(), publisherClaims()),
                Reason.WRONG_ALGORITHM);
    }

    @Test
    void tokenSignedWithAnotherSecretIsRejected() {
        String forged = TestKeys.signHs256(TestKeys.hmacSecret(), publisherClaims());

        assertRejected(verifier(JwtKey.parse(JwtAlgorithm.HS256, secret)), forged, Reason.BAD_SIGNATURE);
    }

    @Test
    void tokenSignedWithAnotherRsaKeyIsRejected() {
        String forged = TestKeys.signRs256(TestKeys.rsa(2048), publisherClaims());

        assertRejected(verifier(rs256Key()), forged, Reason.BAD_SIGNATURE);
    }

    @Test
    void tokenSignedWithAnotherEcKeyIsRejected() {
        JwtKey key = JwtKey.parse(JwtAlgorithm.ES256, TestKeys.pem(EC.getPublic()));
        String forged = TestKeys.signEs256(TestKeys.ec("secp256r1"), publisherClaims());

        assertRejected(verifier(key), forged, Reason.BAD_SIGNATURE);
    }

    @Test
    void keyEmbeddedInTheTokenHeaderIsIgnored() throws JOSEException {
        // Embedded-key attack: the attacker signs with its own key and ships the public half in `jwk`.
        KeyPair attacker = TestKeys.rsa(2048);
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256)
                .jwk(new RSAKey.Builder((RSAPublicKey) attacker.getPublic()).build())
                .build();
        SignedJWT jwt = new SignedJWT(header, publisherClaims());
        jwt.sign(new RSASSASigner(attacker.getPrivate()));

        assertRejected(verifier(rs256Key()), jwt.serialize(), Reason.BAD_SIGNATURE);
    }

    @Test
    void tokenWhoseClaimsWereChangedAfterSigningIsRejected() {
        String[] parts = TestKeys.signHs256(secret, subscriberClaims()).split("\\.");
        String tampered = parts[0] + "." + base64Url("{\"mercure\":{\"publish\":[\"*\"]}}") + "." + parts[2];

        assertRejected(verifier(JwtKey.parse(JwtAlgorithm.HS256, secret)), tampered, Reason.BAD_SIGNATURE);
    }

    @Test
    void expiredTokenIsRejected() {
        String token = TestKeys.signHs256(secret, claimsExpiringAt(NOW.minusSeconds(60)));

        assertRejected(verifier(JwtKey.parse(JwtAlgorithm.HS256, secret)), token, Reason.EXPIRED);
    }

    @Test
    void tokenIsRejectedAtTheSecondItExpires() {
        String token = TestKeys.signHs256(secret, claimsExpiringAt(NOW));
        TokenVerifier noSkew = new TokenVerifier(JwtKey.parse(JwtAlgorithm.HS256, secret), Duration.ZERO, CLOCK);

        assertRejected(noSkew, token, Reason.EXPIRED);
    }

    @Test
    void tokenWhoseNotBeforeIsAheadIsRejected() {
        String token = TestKeys.signHs256(secret, new JWTClaimsSet.Builder()
                .notBeforeTime(Date.from(NOW.plusSeconds(60)))
                .build());

        assertRejected(verifier(JwtKey.parse(JwtAlgorithm.HS256, secret)), token, Reason.NOT_YET_VALID);
    }

    @Test
    void clockSkewIsToleratedOnBothExpiryAndNotBefore() {
        TokenVerifier skew10 = new TokenVerifier(JwtKey.parse(JwtAlgorithm.HS256, secret), Duration.ofSeconds(10), CLOCK);
        String justExpired = TestKeys.signHs256(secret, claimsExpiringAt(NOW.minusSeconds(9)));
        String almostValid = TestKeys.signHs256(secret, new JWTClaimsSet.Builder()
                .notBeforeTime(Date.from(NOW.plusSeconds(9)))
                .build());

        assertThat(skew10.verify(justExpired).expiresAt()).contains(NOW.minusSeconds(9));
        assertThat(skew10.verify(almostValid)).isNotNull();
    }

    @Test
    void clockSkewDoesNotStretchFurther() {
        TokenVerifier skew10 = new TokenVerifier(JwtKey.parse(JwtAlgorithm.HS256, secret), Duration.ofSeconds(10), CLOCK);
        String expired = TestKeys.signHs256(secret, claimsExpiringAt(NOW.minusSeconds(10)));
        String early = TestKeys.signHs256(secret, new JWTClaimsSet.Builder()
                .notBeforeTime(Date.from(NOW.plusSeconds(11)))
                .build());

        assertRejected(skew10, expired, Reason.EXPIRED);
        assertRejected(skew10, early, Reason.NOT_YET_VALID);
    }

    @Test
    void aTokenCheckedOnceIsRefusedOnceItExpires() {
        MovingClock clock = new MovingClock(NOW);
        TokenVerifier verifier = new TokenVerifier(JwtKey.parse(JwtAlgorithm.HS256, secret), Duration.ZERO, clock);
        String token = TestKeys.signHs256(secret, claimsExpiringAt(NOW.plusSeconds(60)));

        Claims first = verifier.verify(token);
        clock.now = NOW.plusSeconds(60);

        assertThat(verifier.verify(TestKeys.signHs256(secret, claimsExpiringAt(NOW.plusSeconds(120))))).isNotNull();
        assertThat(first.expiresAt()).contains(NOW.plusSeconds(60));
        assertRejected(verifier, token, Reason.EXPIRED);
    }

    @Test
    void aTokenCheckedOnceGivesTheSameClaimsAgain() {
        TokenVerifier verifier = verifier(rs256Key());
        String token = TestKeys.signRs256(RSA, publisherClaims());

        assertThat(verifier.verify(token)).as("remembered, not checked anew").isSameAs(verifier.verify(token));
    }

    @Test
    void aRefusedTokenIsRefusedEveryTime() {
        TokenVerifier verifier = verifier(JwtKey.parse(JwtAlgorithm.HS256, secret));
        String forged = TestKeys.signHs256(TestKeys.hmacSecret(), publisherClaims());

        assertRejected(verifier, forged, Reason.BAD_SIGNATURE);
        assertRejected(verifier, forged, Reason.BAD_SIGNATURE);
    }

    /** A clock the test moves. */
    private static final class MovingClock extends Clock {
        private Instant now;

        MovingClock(Instant now) {
            this.now = now;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    @Test
    void defaultClockSkewIsFiveSeconds() {
        assertThat(TokenVerifier.DEFAULT_CLOCK_SKEW).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void negativeClockSkewIsRejectedAtConfiguration() {
        JwtKey key = JwtKey.parse(JwtAlgorithm.HS256, secret);

        assertThatIllegalArgumentException()
                .isThrownBy(() -> new TokenVerifier(key, Duration.ofSeconds(-1), CLOCK))
                .withMessage("clockSkew must not be negative");
    }

    @Test
    void tokenWithoutExpiryIsAcceptedAndSaysSo() {
        Claims claims = verifier(JwtKey.parse(JwtAlgorithm.HS256, secret))
                .verify(TestKeys.signHs256(secret, subscriberClaims()));

        assertThat(claims.expiresAt()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not a token", "a.b", "a.b.c", "a.b.c.d.e", "Bearer x.y.z"})
    void malformedTokenIsRejected(String token) {
        assertRejected(verifier(JwtKey.parse(JwtAlgorithm.HS256, secret)), token, Reason.MALFORMED);
    }

    /** Found by {@code TokenVerifierFuzzTest}: Nimbus's lenient decoding accepted these as the token itself. */
    @Test
    void aValidTokenSpelledOtherwiseIsMalformed() {
        String token = TestKeys.signHs256(secret, publisherClaims());
        String[] parts = token.split("\\.");
        TokenVerifier verifier = verifier(JwtKey.parse(JwtAlgorithm.HS256, secret));

        for (String spelling : List.of(" " + token, token + "\n", token + "=",
                parts[0] + "." + parts[1] + "." + parts[2].substring(0, 10) + "\u00e9" + parts[2].substring(10))) {
            assertRejected(verifier, spelling, Reason.MALFORMED);
        }
        assertThat(verifier.verify(token).publish()).as("the token as issued").isNotEmpty();
    }

    /** Found by {@code TokenVerifierFuzzTest}: a NullPointerException in Nimbus's parser (a 500) before. */
    @Test
    void aHeaderThatIsJsonButNoObjectIsMalformed() {
        String token = signedWithSecret(base64Url("null{\"alg\":\"HS256\"}") + "." + base64Url("[1,2]"));

        assertRejected(verifier(JwtKey.parse(JwtAlgorithm.HS256, secret)), token, Reason.MALFORMED);
    }

    @Test
    void tokenWhoseExpiryIsNotANumberIsRejected() {
        String header = base64Url("{\"alg\":\"HS256\"}");
        String payload = base64Url("{\"exp\":\"tomorrow\"}");
        // Signed properly over the odd claims, so only the claim's type can be at fault.
        String token = signedWithSecret(header + "." + payload);

        assertRejected(verifier(JwtKey.parse(JwtAlgorithm.HS256, secret)), token, Reason.MALFORMED);
    }

    @Test
    void refusalMessageIsTheReasonAndNeverTheToken() {
        String token = TestKeys.signHs256(TestKeys.hmacSecret(), publisherClaims());

        assertThatThrownBy(() -> verifier(JwtKey.parse(JwtAlgorithm.HS256, secret)).verify(token))
                .hasMessage("bad signature");
    }

    /** Signs a hand-made {@code header.payload} with the secret, for claims Nimbus would not build. */
    private String signedWithSecret(String signingInput) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] signature = mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    private static JwtKey rs256Key() {
        return JwtKey.parse(JwtAlgorithm.RS256, TestKeys.pem(RSA.getPublic()));
    }

    private static TokenVerifier verifier(JwtKey key) {
        return new TokenVerifier(key, TokenVerifier.DEFAULT_CLOCK_SKEW, CLOCK);
    }

    private static JWTClaimsSet publisherClaims() {
        return new JWTClaimsSet.Builder()
                .claim("mercure", Map.of("publish", List.of("*")))
                .expirationTime(Date.from(NOW.plusSeconds(3600)))
                .build();
    }

    private static JWTClaimsSet subscriberClaims() {
        return new JWTClaimsSet.Builder().claim("mercure", Map.of("subscribe", List.of("*"))).build();
    }

    private static String everythingAllowedJson() {
        return "{\"mercure\":{\"publish\":[\"*\"],\"subscribe\":[\"*\"]},\"exp\":"
                + NOW.plusSeconds(3600).getEpochSecond() + "}";
    }

    private static JWTClaimsSet claimsExpiringAt(Instant expiry) {
        return new JWTClaimsSet.Builder().expirationTime(Date.from(expiry)).build();
    }

    private static AbstractThrowableAssert<?, ?> assertRejected(TokenVerifier verifier, String token, Reason reason) {
        return assertThatThrownBy(() -> verifier.verify(token))
                .as("the token should be refused as %s", reason)
                .isInstanceOfSatisfying(InvalidTokenException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }
}
