package dev.herald.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.herald.core.TopicSelector;
import dev.herald.core.auth.InvalidTokenException.Reason;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** How the {@code mercure} claim of a valid token becomes {@link Claims}. */
class MercureClaimTest {

    private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");

    private final String secret = TestKeys.hmacSecret();
    private final TokenVerifier verifier = new TokenVerifier(
            JwtKey.parse(JwtAlgorithm.HS256, secret), TokenVerifier.DEFAULT_CLOCK_SKEW, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void publishSubscribeAndPayloadAreParsed() {
        Claims claims = verifyJson("""
                {"exp": %d, "mercure": {
                  "publish": ["https://example.com/books/1", "*"],
                  "subscribe": ["https://example.com/users/dunglas"],
                  "payload": {"user": "https://example.com/users/dunglas", "roles": ["admin", null],
                              "age": 42, "ratio": 0.5, "active": true, "address": {"city": "Lille"}}
                }}""".formatted(NOW.plusSeconds(60).getEpochSecond()));

        assertThat(claims.publish()).extracting(TopicSelector::text).containsExactly("https://example.com/books/1", "*");
        assertThat(claims.publish().get(1)).isSameAs(TopicSelector.Any.INSTANCE);
        assertThat(claims.subscribe()).extracting(TopicSelector::text).containsExactly("https://example.com/users/dunglas");
        assertThat(claims.payload()).isEqualTo(Map.of(
                "user", "https://example.com/users/dunglas",
                "roles", Arrays.asList("admin", null),
                "age", 42L,
                "ratio", 0.5,
                "active", true,
                "address", Map.of("city", "Lille")));
        assertThat(claims.expiresAt()).contains(NOW.plusSeconds(60));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"a string\"", "7", "[1, 2]", "true"})
    void payloadMayBeAnyJsonValue(String json) {
        Claims claims = verifyJson("{\"mercure\": {\"payload\": " + json + "}}");

        assertThat(claims.payload()).isNotNull().isNotInstanceOf(Map.class);
    }

    @Test
    void payloadCannotBeModified() {
        Claims claims = verifyJson("{\"mercure\": {\"payload\": {\"roles\": [\"admin\"]}}}");

        @SuppressWarnings("unchecked")
        Map<String, Object> payload = (Map<String, Object>) claims.payload();
        assertThatThrownBy(() -> payload.put("roles", "root")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> ((List<?>) payload.get("roles")).clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void missingMercureClaimGrantsNothing() {
        Claims claims = verifyJson("{\"sub\": \"someone\"}");

        assertThat(claims.publish()).isEmpty();
        assertThat(claims.subscribe()).isEmpty();
        assertThat(claims.payload()).isNull();
    }

    @Test
    void missingFieldsOfTheMercureClaimGrantNothing() {
        Claims claims = verifyJson("{\"mercure\": {\"publish\": null}}");

        assertThat(claims.publish()).isEmpty();
        assertThat(claims.subscribe()).isEmpty();
        assertThat(claims.payload()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"mercure\": \"*\"}",
        "{\"mercure\": [\"*\"]}",
        "{\"mercure\": {\"publish\": \"*\"}}",
        "{\"mercure\": {\"publish\": [\"*\", 3]}}",
        "{\"mercure\": {\"publish\": [[\"*\"]]}}",
        "{\"mercure\": {\"subscribe\": {\"topic\": \"*\"}}}",
        "{\"mercure\": {\"subscribe\": [null]}}",
    })
    void malformedMercureClaimIsRejected(String claimsJson) {
        assertThatThrownBy(() -> verifyJson(claimsJson))
                .isInstanceOfSatisfying(InvalidTokenException.class, e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED))
                .hasMessageStartingWith("malformed token: mercure")
                .hasMessageNotContaining("*");
    }

    private Claims verifyJson(String claimsJson) {
        try {
            return verifier.verify(TestKeys.signHs256(secret, JWTClaimsSet.parse(claimsJson)));
        } catch (ParseException e) {
            throw new AssertionError("test claims should be JSON", e);
        }
    }
}
