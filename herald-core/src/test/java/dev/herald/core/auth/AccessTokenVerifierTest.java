package dev.herald.core.auth;

import static dev.herald.core.auth.AccessTokens.AT_JWT;
import static dev.herald.core.auth.AccessTokens.ISSUER;
import static dev.herald.core.auth.AccessTokens.RESOURCE;
import static dev.herald.core.auth.AccessTokens.claims;
import static dev.herald.core.auth.AccessTokens.detail;
import static dev.herald.core.auth.AccessTokens.exact;
import static dev.herald.core.auth.AccessTokens.hs256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.herald.core.TopicSelector;
import dev.herald.core.auth.InvalidTokenException.Reason;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Draft-08 access tokens (RFC 9068 profile of the Mercure draft-08 spec), one rule per test. */
class AccessTokenVerifierTest {

    private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");
    private static final Instant LATER = NOW.plus(Duration.ofHours(1));
    private static final KeyPair RSA = TestKeys.rsa(2048);
    private static final List<Map<String, Object>> EVERYTHING =
            List.of(detail(List.of("publish", "subscribe"), List.of(exact("*"))));

    private final String secret = TestKeys.hmacSecret();
    private final JwtKey hmac = JwtKey.parse(JwtAlgorithm.HS256, secret);

    private TokenVerifier verifier(Map<String, TrustedKeys> issuers) {
        return new TokenVerifier(Optional.of(hmac), new AccessTokenRules(Set.of(RESOURCE), issuers,
                UrlPatternGrants.NOT_SUPPORTED_YET), TokenVerifier.DEFAULT_CLOCK_SKEW, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private TokenVerifier verifier() {
        return verifier(Map.of(ISSUER, TrustedKeys.of(List.of(hmac))));
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
    void anAccessTokenWithIssAudExpAndAGrantOnEverythingIsAccepted() {
        Claims claims = verifier().verify(hs256(secret, claims(LATER, EVERYTHING).build()));

        assertThat(claims.publish()).as("publish grants").containsExactly(TopicSelector.Any.INSTANCE);
        assertThat(claims.subscribe()).as("subscribe grants").containsExactly(TopicSelector.Any.INSTANCE);
        assertThat(claims.expiresAt()).as("the expiry the stream deadline uses").contains(LATER);
    }

    @Test
    void theMediaTypeFormOfTypIsAcceptedInAnyCase() {
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.HS256).type(new JOSEObjectType("Application/AT+JWT")).build();

        assertThat(verifier().verify(hs256(header, secret, claims(LATER, EVERYTHING).build())).publish()).hasSize(1);
    }

    @Test
    void authorizationDetailsWithoutTypAtJwtAreRefused() {
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build();

        assertThat(refusal(verifier(), hs256(header, secret, claims(LATER, EVERYTHING).build())))
                .as("an ID token or any other JWT must not pass as an access token").isEqualTo(Reason.WRONG_TYPE);
    }

    @Test
    void anAccessTokenWithoutExpIsRefused() {
        JWTClaimsSet noExpiry = new JWTClaimsSet.Builder().issuer(ISSUER).audience(RESOURCE)
                .claim("authorization_details", EVERYTHING).build();

        assertThat(refusal(verifier(), hs256(secret, noExpiry))).isEqualTo(Reason.MISSING_CLAIM);
    }

    @Test
    void anExpiredAccessTokenIsRefused() {
        assertThat(refusal(verifier(), hs256(secret, claims(NOW.minusSeconds(60), EVERYTHING).build())))
                .isEqualTo(Reason.EXPIRED);
    }

    @Test
    void anAccessTokenBeforeItsNbfIsRefused() {
        JWTClaimsSet early = claims(LATER, EVERYTHING).notBeforeTime(Date.from(NOW.plusSeconds(60))).build();

        assertThat(refusal(verifier(), hs256(secret, early))).isEqualTo(Reason.NOT_YET_VALID);
    }

    @Test
    void anAccessTokenForAnotherHubIsRefused() {
        JWTClaimsSet otherHub = claims(LATER, EVERYTHING).audience("https://other.example.com/.well-known/mercure").build();

        assertThat(refusal(verifier(), hs256(secret, otherHub))).isEqualTo(Reason.WRONG_AUDIENCE);
    }

    @Test
    void anAudienceArrayHoldingTheHubIsAccepted() {
        JWTClaimsSet both = claims(LATER, EVERYTHING).audience(List.of("https://api.example.com", RESOURCE)).build();

        assertThat(verifier().verify(hs256(secret, both)).publish()).hasSize(1);
    }

    @Test
    void anAccessTokenWithoutAudIsRefused() {
        JWTClaimsSet noAudience = claims(LATER, EVERYTHING).audience((String) null).build();

        assertThat(refusal(verifier(), hs256(secret, noAudience))).isEqualTo(Reason.MISSING_CLAIM);
    }

    @Test
    void anAccessTokenWithoutIssIsRefused() {
        assertThat(refusal(verifier(), hs256(secret, claims(LATER, EVERYTHING).issuer(null).build())))
                .isEqualTo(Reason.MISSING_CLAIM);
    }

    @Test
    void anAccessTokenFromAnUnknownIssuerIsRefused() {
        assertThat(refusal(verifier(), hs256(secret, claims(LATER, EVERYTHING).issuer("https://evil.example").build())))
                .isEqualTo(Reason.UNTRUSTED_ISSUER);
    }

    @Test
    void aTokenIsCheckedOnlyWithTheKeysOfItsOwnIssuer() {
        String otherSecret = TestKeys.hmacSecret();
        TokenVerifier verifier = verifier(Map.of(ISSUER, TrustedKeys.of(List.of(hmac)),
                "https://other.example", TrustedKeys.of(List.of(JwtKey.parse(JwtAlgorithm.HS256, otherSecret)))));

        String claimsFirstIssuerSignedBySecond = hs256(otherSecret, claims(LATER, EVERYTHING).build());

        assertThat(refusal(verifier, claimsFirstIssuerSignedBySecond))
                .as("a key of another trusted issuer must not vouch for this issuer").isEqualTo(Reason.BAD_SIGNATURE);
        assertThat(verifier.verify(hs256(otherSecret, claims(LATER, EVERYTHING).issuer("https://other.example").build()))
                .publish()).hasSize(1);
    }

    @Test
    void anAlgorithmTheIssuersKeysDoNotHaveIsRefused() {
        String rs256 = AccessTokens.rs256(RSA, null, claims(LATER, EVERYTHING).build());

        assertThat(refusal(verifier(), rs256)).isEqualTo(Reason.WRONG_ALGORITHM);
    }

    @Test
    void anUnsignedAccessTokenIsRefused() {
        String none = TestKeys.base64Url("{\"alg\":\"none\",\"typ\":\"at+jwt\"}") + "."
                + TestKeys.base64Url(claims(LATER, EVERYTHING).build().toString()) + ".";

        assertThat(refusal(verifier(), none)).isEqualTo(Reason.WRONG_ALGORITHM);
    }

    /** Found by {@code TokenVerifierFuzzTest}: a NullPointerException (a 500) before. */
    @ParameterizedTest
    @ValueSource(strings = {"[1,2]", "\"iss\"", "{\"iss\":\"a\u0000b\"}", "not json"})
    void anAccessTokenWhoseClaimsAreNoJsonObjectIsRefusedAsMalformed(String claims) {
        String header = TestKeys.base64Url("{\"alg\":\"HS256\",\"typ\":\"at+jwt\"}");
        String input = header + "." + TestKeys.base64Url(claims);

        assertThat(refusal(verifier(), input + "." + hmac(input))).isEqualTo(Reason.MALFORMED);
    }

    private String hmac(String input) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aKeyEmbeddedInTheTokenIsNeverUsed() throws Exception {
        KeyPair attacker = TestKeys.rsa(2048);
        RSAKey embedded = new RSAKey.Builder((RSAPublicKey) attacker.getPublic()).build();
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256).type(AT_JWT).jwk(embedded).build();
        TokenVerifier trustsRsa = verifier(Map.of(ISSUER, TrustedKeys.of(List.of(new JwtKey(JwtAlgorithm.RS256, RSA.getPublic())))));

        String forged = AccessTokens.sign(header, new RSASSASigner(attacker.getPrivate()), claims(LATER, EVERYTHING).build());

        assertThat(refusal(trustsRsa, forged)).isEqualTo(Reason.BAD_SIGNATURE);
    }

    @Test
    void aDraft07TokenStillVerifiesWithTheSameKey() {
        String draft07 = TestKeys.signHs256(secret, new JWTClaimsSet.Builder()
                .claim("mercure", Map.of("publish", List.of("*"))).build());

        assertThat(verifier().verify(draft07).publish()).containsExactly(TopicSelector.Any.INSTANCE);
    }

    @Test
    void aDraft07TokenIsRefusedWhenTheHubHasNoDraft07Key() {
        TokenVerifier accessTokensOnly = new TokenVerifier(Optional.empty(), new AccessTokenRules(Set.of(RESOURCE),
                Map.of(ISSUER, TrustedKeys.of(List.of(hmac))), UrlPatternGrants.NOT_SUPPORTED_YET),
                Duration.ZERO, Clock.fixed(NOW, ZoneOffset.UTC));
        String draft07 = TestKeys.signHs256(secret, new JWTClaimsSet.Builder()
                .claim("mercure", Map.of("publish", List.of("*"))).build());

        assertThat(refusal(accessTokensOnly, draft07)).isEqualTo(Reason.UNTRUSTED_ISSUER);
    }

    @Test
    void anAccessTokenIsRefusedByAHubThatTrustsNoIssuer() {
        TokenVerifier draft07Only = new TokenVerifier(hmac, Duration.ZERO, Clock.fixed(NOW, ZoneOffset.UTC));

        assertThat(refusal(draft07Only, hs256(secret, claims(LATER, EVERYTHING).build())))
                .isEqualTo(Reason.UNTRUSTED_ISSUER);
    }

    @Test
    void theGenerationFollowsFromTypOrAuthorizationDetails() {
        String accessToken = hs256(secret, claims(LATER, EVERYTHING).build());
        String detailsWithoutTyp = TestKeys.signHs256(secret, claims(LATER, EVERYTHING).build());
        String draft07 = TestKeys.signHs256(secret, new JWTClaimsSet.Builder().claim("mercure", Map.of()).build());

        assertThat(TokenGeneration.of(accessToken)).isEqualTo(TokenGeneration.DRAFT_08);
        assertThat(TokenGeneration.of(detailsWithoutTyp)).isEqualTo(TokenGeneration.DRAFT_08);
        assertThat(TokenGeneration.of(draft07)).isEqualTo(TokenGeneration.DRAFT_07);
        assertThat(TokenGeneration.of("not a token")).isEqualTo(TokenGeneration.DRAFT_07);
    }
}
