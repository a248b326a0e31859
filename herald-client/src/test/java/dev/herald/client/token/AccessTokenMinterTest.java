package dev.herald.client.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jwt.SignedJWT;
import dev.herald.core.Update;
import dev.herald.core.auth.AccessTokenRules;
import dev.herald.core.auth.Claims;
import dev.herald.core.auth.InvalidTokenException;
import dev.herald.core.auth.JwtAlgorithm;
import dev.herald.core.auth.JwtKey;
import dev.herald.core.auth.TokenVerifier;
import dev.herald.core.auth.TrustedKeys;
import dev.herald.core.auth.UrlPatternGrants;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Draft-08 access tokens as a Mercure 1.0 hub checks them: RFC 9068's header and claims, and grants
 * that Herald's own verifier reads back as they were minted.
 */
class AccessTokenMinterTest {

    /** 32 bytes: the least an HS256 secret may have. Made up for this test, used nowhere else. */
    private static final String SECRET = "a-test-secret-of-32-bytes-length";
    private static final String ISSUER = "https://auth.example.com";
    private static final URI HUB = URI.create("https://example.com/.well-known/mercure");
    private static final Instant EXPIRY = Instant.now().plus(Duration.ofHours(1));
    private static final SigningKey KEY = SigningKey.secret(TokenAlgorithm.HS256, SECRET);

    @Test
    void theTokenIsAnRfc9068AccessTokenWithEveryClaimTheSpecAsksOfIssuers() throws Exception {
        String jwt = TokenMinter.mint(AccessTokenClaims.of(ISSUER, HUB, EXPIRY).withPublish(List.of(TopicGrant.any())), KEY);

        SignedJWT parsed = SignedJWT.parse(jwt);
        assertThat(parsed.getHeader().getType().getType()).isEqualTo("at+jwt");
        assertThat(parsed.getHeader().getKeyID()).as("no kid unless the key has one").isNull();
        var claims = parsed.getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo(ISSUER);
        assertThat(claims.getAudience()).containsExactly(HUB.toString());
        assertThat(claims.getSubject()).startsWith("urn:uuid:");
        assertThat(claims.getStringClaim("client_id")).isEqualTo(ISSUER);
        assertThat(claims.getIssueTime()).isNotNull();
        assertThat(claims.getJWTID()).isNotBlank();
        assertThat(claims.getExpirationTime().toInstant()).isEqualTo(EXPIRY.truncatedTo(ChronoUnit.SECONDS));
    }

    @Test
    void grantsAreWrittenAsMercureAuthorizationDetailsWithTheirMatchTypes() throws Exception {
        String jwt = TokenMinter.mint(AccessTokenClaims.of(ISSUER, HUB, EXPIRY)
                .withPublish(List.of(TopicGrant.exact("https://example.com/books/1")))
                .withSubscribe(List.of(TopicGrant.urlPattern("https://example.com/books/:id")))
                .withPayload(Map.of("user", "alice")), KEY);

        assertThat(SignedJWT.parse(jwt).getJWTClaimsSet().getListClaim("authorization_details")).isEqualTo(List.of(
                Map.of("type", "https://mercure.rocks/authorization-detail", "actions", List.of("publish"),
                        "topics", List.of(Map.of("match", "https://example.com/books/1", "match_type", "exact"))),
                Map.of("type", "https://mercure.rocks/authorization-detail", "actions", List.of("subscribe"),
                        "topics", List.of(Map.of("match", "https://example.com/books/:id", "match_type", "urlpattern")),
                        "payload", Map.of("user", "alice"))));
    }

    @Test
    void heraldsVerifierGrantsWhatWasMinted() {
        String jwt = TokenMinter.mint(AccessTokenClaims.of(ISSUER, HUB, EXPIRY)
                .withPublish(List.of(TopicGrant.urlPattern("https://example.com/books/:id")))
                .withSubscribe(List.of(TopicGrant.any())), KEY);

        Claims claims = verifier(ISSUER).verify(jwt);

        assertThat(claims.canPublish(update("https://example.com/books/7"))).isTrue();
        assertThat(claims.canPublish(update("https://example.com/authors/7")))
                .as("the urlpattern grant covers books only").isFalse();
        assertThat(claims.subscribeSelectors()).hasSize(1);
    }

    @Test
    void aTokenOfAnotherIssuerIsRefusedByAHubThatDoesNotTrustIt() {
        String jwt = TokenMinter.mint(AccessTokenClaims.of("https://elsewhere.example", HUB, EXPIRY)
                .withSubscribe(List.of(TopicGrant.any())), KEY);

        assertThatThrownBy(() -> verifier(ISSUER).verify(jwt)).isInstanceOf(InvalidTokenException.class);
    }

    @Test
    void theKeyIdOfTheSigningKeyIsTheKidHeader() throws Exception {
        String jwt = TokenMinter.mint(AccessTokenClaims.of(ISSUER, HUB, EXPIRY).withSubscribe(List.of(TopicGrant.any())),
                KEY.withKeyId("2026-12"));

        assertThat(SignedJWT.parse(jwt).getHeader().getKeyID()).isEqualTo("2026-12");
    }

    @Test
    void twoTokensMintedAlikeHaveDistinctIds() throws Exception {
        AccessTokenClaims claims = AccessTokenClaims.of(ISSUER, HUB, EXPIRY).withSubscribe(List.of(TopicGrant.any()));

        assertThat(SignedJWT.parse(TokenMinter.mint(claims, KEY)).getJWTClaimsSet().getJWTID())
                .isNotEqualTo(SignedJWT.parse(TokenMinter.mint(claims, KEY)).getJWTClaimsSet().getJWTID());
    }

    @Test
    void aPayloadWithoutASubscribeGrantIsRefused() {
        AccessTokenClaims publisher = AccessTokenClaims.of(ISSUER, HUB, EXPIRY).withPublish(List.of(TopicGrant.any()));

        assertThatThrownBy(() -> publisher.withPayload(Map.of("user", "alice")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a payload belongs to a subscribe grant; this token has none");
    }

    @Test
    void anAccessTokenNeedsAnIssuerAndAnAudience() {
        assertThatThrownBy(() -> new AccessTokenClaims("", List.of(HUB.toString()), "sub", "client", List.of(), List.of(),
                Optional.empty(), EXPIRY)).hasMessage("an access token needs an issuer (iss)");
        assertThatThrownBy(() -> new AccessTokenClaims(ISSUER, List.of(), "sub", "client", List.of(), List.of(),
                Optional.empty(), EXPIRY)).hasMessage("an access token needs the hub's resource identifier as audience (aud)");
    }

    private static TokenVerifier verifier(String trustedIssuer) {
        AccessTokenRules rules = new AccessTokenRules(Set.of(HUB.toString()),
                Map.of(trustedIssuer, TrustedKeys.of(List.of(JwtKey.parse(JwtAlgorithm.HS256, SECRET)))),
                UrlPatternGrants.against(HUB.toString()));
        return new TokenVerifier(Optional.empty(), rules, TokenVerifier.DEFAULT_CLOCK_SKEW, Clock.systemUTC());
    }

    private static Update update(String topic) {
        return new Update(null, List.of(topic), "data", false, null, null);
    }
}
