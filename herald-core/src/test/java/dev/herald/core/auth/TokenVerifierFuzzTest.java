package dev.herald.core.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.nimbusds.jose.util.JSONObjectUtils;
import dev.herald.core.TopicSelector;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Tokens come from any client, of both generations, and are verified with the keys the hub trusts (a
 * draft-07 HS256 secret; an issuer with HS256, RS256, ES256 and EdDSA keys). Whatever the token, the answer is
 * the claims it was signed with or an {@link InvalidTokenException} naming a rule, never another
 * failure; and a token is accepted only when a trusted key of its own {@code alg} signed it, as the
 * rules of its generation say (draft-08: {@code iss}, {@code aud}, {@code exp}). Fuzzed by Jazzer (see
 * docs/reliability.md).
 */
class TokenVerifierFuzzTest {

    /** The time tokens are checked at; seeds expire in 2100 ({@code exp} 4102444800) or before 2030. */
    private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");
    private static final String HUB = "https://hub.example.com/.well-known/mercure";
    private static final FuzzKeys KEYS = new FuzzKeys();
    private static final TokenVerifier VERIFIER = new TokenVerifier(Optional.of(KEYS.draft07()),
            new AccessTokenRules(Set.of(AccessTokens.RESOURCE), Map.of(AccessTokens.ISSUER, KEYS.issuerKeys()),
                    UrlPatternGrants.against(HUB)),
            TokenVerifier.DEFAULT_CLOCK_SKEW, Clock.fixed(NOW, ZoneOffset.UTC));

    /**
     * The input is a token's text, as a client sends it. Seeds are tokens signed with the fuzz-only HS256
     * secret ({@link FuzzKeys#SECRET}) and broken ones, so the fuzzer starts from tokens that pass.
     */
    @FuzzTest(maxDuration = "5s")
    @DictionaryEntries({"eyJ", ".", "..", "=", "-", "_", "eyJhbGciOiJIUzI1NiJ9", "eyJhbGciOiJub25lIn0"})
    void anyTextIsVerifiedClaimsOrAnInvalidTokenException(byte[] data) {
        String token = new String(data, StandardCharsets.UTF_8);

        Claims claims;
        try {
            claims = VERIFIER.verify(token);
        } catch (InvalidTokenException refused) {
            assertRefusalIsClear(refused);
            return;
        }
        assertThat(KEYS.trustedSignerOf(token)).as("an accepted token was signed by a trusted key").isPresent();
        claims.expiresAt().ifPresent(expiry -> assertThat(expiry)
                .as("an accepted token has not expired").isAfter(NOW.minus(TokenVerifier.DEFAULT_CLOCK_SKEW)));
    }

    /**
     * The input is three parts separated by line feeds: the name of the key that signs ({@code hs},
     * {@code rs}, {@code es}, {@code ed}, one of these with {@code -other} for a key the hub does not trust, anything
     * else for no signature), the protected header's JSON and the claims' JSON, each taken byte for byte.
     * The token is signed here, so the fuzzer reaches every rule after the signature check.
     */
    @FuzzTest(maxDuration = "5s")
    @DictionaryEntries({"hs", "rs", "es", "ed", "hs-other", "\"alg\":", "\"HS256\"", "\"RS256\"", "\"ES256\"",
            "\"EdDSA\"", "\"Ed25519\"",
            "\"none\"", "\"typ\":\"at+jwt\"", "\"kid\":", "\"iss\":\"https://issuer.example.com\"",
            "\"aud\":\"https://hub.example.com/.well-known/mercure\"", "\"exp\":4102444800", "\"nbf\":",
            "\"mercure\":", "\"publish\":", "\"subscribe\":", "\"payload\":", "\"authorization_details\":",
            "\"type\":\"https://mercure.rocks/authorization-detail\"", "\"actions\":", "\"topics\":",
            "\"match\":", "\"match_type\":\"urlpattern\"", "\"*\"", "{", "}", "[", "]", ",", "null"})
    void aSignedTokenIsAcceptedOnlyAsItsKeyAndClaimsAllow(byte[] data) {
        String[] parts = new String(data, StandardCharsets.UTF_8).split("\n", 3);
        if (parts.length < 3) {
            return;
        }
        String signer = parts[0];
        String token = KEYS.sign(signer, parts[1], parts[2]);

        Claims claims;
        try {
            claims = VERIFIER.verify(token);
        } catch (InvalidTokenException refused) {
            assertRefusalIsClear(refused);
            return;
        }
        assertThat(FuzzKeys.TRUSTED).as("an accepted token was signed by a trusted key, not %s", signer)
                .contains(signer);
        Map<String, Object> header = json(parts[1]);
        Map<String, Object> payload = json(parts[2]);
        assertThat(FuzzKeys.algorithmsOf(signer)).as("the token's alg is its key's one algorithm")
                .contains(String.valueOf(header.get("alg")));
        if (isAccessToken(header, payload)) {
            assertAccessTokenRules(claims, payload);
        } else {
            assertThat(signer).as("a draft-07 token is verified with the draft-07 key only").isEqualTo("hs");
            assertMercureClaim(claims, payload);
        }
    }

    private static void assertRefusalIsClear(InvalidTokenException refused) {
        assertThat(refused.reason()).isNotNull();
        assertThat(refused.getMessage()).as("the message names the rule").startsWith(refused.reason().text());
        assertThat(refused.getMessage().codePoints().allMatch(c -> c >= 0x20 && c < 0x7f))
                .as("the message %s is safe to send and log", refused.getMessage()).isTrue();
    }

    /** Draft-08 (RFC 9068): {@code typ: at+jwt}, the trusted issuer, this hub in {@code aud}, {@code exp}. */
    private static void assertAccessTokenRules(Claims claims, Map<String, Object> payload) {
        assertThat(payload.get("iss")).as("iss is the trusted issuer").isEqualTo(AccessTokens.ISSUER);
        Object audience = payload.get("aud");
        assertThat(audience instanceof List<?> list ? list : List.of(String.valueOf(audience)))
                .as("aud names this hub").contains(AccessTokens.RESOURCE);
        assertThat(payload.get("exp")).as("exp is required").isInstanceOf(Number.class);
        assertExpiry(claims, payload);
        assertThat(texts(claims.publish())).as("publish grants are the details' publish topics")
                .isEqualTo(grants(payload.get("authorization_details"), "publish"));
        assertThat(texts(claims.subscribe())).as("subscribe grants are the details' subscribe topics")
                .isEqualTo(grants(payload.get("authorization_details"), "subscribe"));
    }

    /** Draft-07: the {@code mercure} claim's selectors and payload, as signed. */
    private static void assertMercureClaim(Claims claims, Map<String, Object> payload) {
        assertExpiry(claims, payload);
        Map<?, ?> mercure = payload.get("mercure") instanceof Map<?, ?> map ? map : Map.of();
        assertThat(texts(claims.publish())).as("mercure.publish as signed").isEqualTo(strings(mercure.get("publish")));
        assertThat(texts(claims.subscribe())).as("mercure.subscribe as signed")
                .isEqualTo(strings(mercure.get("subscribe")));
        assertThat(claims.payload()).as("mercure.payload as signed").isEqualTo(mercure.get("payload"));
    }

    private static void assertExpiry(Claims claims, Map<String, Object> payload) {
        if (!(payload.get("exp") instanceof Number exp)) {
            assertThat(claims.expiresAt()).as("no exp, no expiry").isEmpty();
            return;
        }
        assertThat(claims.expiresAt()).as("exp as signed").isPresent();
        assertThat(claims.expiresAt().get()).as("an accepted token has not expired")
                .isAfter(NOW.minus(TokenVerifier.DEFAULT_CLOCK_SKEW));
        if (exp instanceof Long seconds) {
            assertThat(claims.expiresAt().get().getEpochSecond()).as("exp as signed").isEqualTo(seconds);
        }
    }

    private static boolean isAccessToken(Map<String, Object> header, Map<String, Object> payload) {
        String type = header.get("typ") instanceof String typ ? typ.toLowerCase(Locale.ROOT) : "";
        return type.equals("at+jwt") || type.equals("application/at+jwt") || payload.containsKey("authorization_details");
    }

    /** The {@code match} of every topic of the Mercure details that grant {@code action}, in token order. */
    private static List<String> grants(Object details, String action) {
        List<String> matches = new ArrayList<>();
        if (!(details instanceof List<?> list)) {
            return matches;
        }
        for (Object entry : list) {
            Map<?, ?> detail = (Map<?, ?>) entry;
            if (AuthorizationDetails.MERCURE_TYPE.equals(detail.get("type"))
                    && ((List<?>) detail.get("actions")).contains(action)) {
                ((List<?>) detail.get("topics")).forEach(topic -> matches.add((String) ((Map<?, ?>) topic).get("match")));
            }
        }
        return matches;
    }

    private static List<String> strings(Object value) {
        List<String> strings = new ArrayList<>();
        if (value instanceof List<?> list) {
            list.forEach(element -> strings.add((String) element));
        }
        return strings;
    }

    private static List<String> texts(List<TopicSelector> selectors) {
        return selectors.stream().map(TopicSelector::text).toList();
    }

    /** JSON parsed independently of the verifier: an accepted token's parts must be JSON objects. */
    private static Map<String, Object> json(String text) {
        try {
            return JSONObjectUtils.parse(text);
        } catch (ParseException e) {
            throw new AssertionError("an accepted token has a part that is not a JSON object: " + text, e);
        }
    }

    /** {@code base64url} without padding, as a JWS part. */
    static String part(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
