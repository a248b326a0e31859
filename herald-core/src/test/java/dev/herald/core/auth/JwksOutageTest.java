package dev.herald.core.auth;

import static dev.herald.core.auth.AccessTokens.ISSUER;
import static dev.herald.core.auth.AccessTokens.RESOURCE;
import static dev.herald.core.auth.AccessTokens.claims;
import static dev.herald.core.auth.AccessTokens.detail;
import static dev.herald.core.auth.AccessTokens.exact;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An issuer's key set (JWKS) that cannot be read, on a real local HTTP server that is stopped or broken:
 * at start, after its keys were cached, and after the cache expired. A token that cannot be checked is
 * {@link KeysUnavailableException} (503 with Retry-After), never an {@link InvalidTokenException} (401):
 * the token may be fine. The last set read keeps working through an outage for a while.
 */
class JwksOutageTest {

    private static final Instant NOW = Instant.now();
    private static final KeyPair KEY = TestKeys.rsa(2048);
    private static final KeyPair NEW_KEY = TestKeys.rsa(2048);
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final KeySetServer server = KeySetServer.start();

    @AfterEach
    void stopServer() {
        server.close();
    }

    /** Fetch again at once for an unknown kid, so each token below reaches the broken endpoint. */
    private static JwksKeys.Options options(Duration cacheTime, Duration outageTolerance) {
        return new JwksKeys.Options(cacheTime, Duration.ZERO, Duration.ofSeconds(5), outageTolerance);
    }

    private TokenVerifier verifier(JwksKeys.Options options) {
        return new TokenVerifier(Optional.empty(), new AccessTokenRules(Set.of(RESOURCE),
                Map.of(ISSUER, JwksKeys.of(server.uri(), options)), UrlPatternGrants.NOT_SUPPORTED_YET),
                TokenVerifier.DEFAULT_CLOCK_SKEW, Clock.systemUTC());
    }

    private static String keySet(KeyPair pair, String kid) {
        return new JWKSet(new RSAKey.Builder((RSAPublicKey) pair.getPublic()).keyID(kid).build()).toString();
    }

    /** A new token text each time: the verifier remembers the tokens it accepted. */
    private static String token(KeyPair pair, String kid) {
        return AccessTokens.rs256(pair, kid, claims(NOW.plusSeconds(3600),
                List.of(detail(List.of("publish"), List.of(exact("*"))))).jwtID(UUID.randomUUID().toString()).build());
    }

    @Test
    void aKeySetServerThatIsDownAtStartLeavesTokensUncheckedNotRefused() {
        TokenVerifier verifier = verifier(options(Duration.ofMinutes(5), Duration.ofHours(1)));
        server.close();

        assertThatThrownBy(() -> verifier.verify(token(KEY, "one"))).isInstanceOf(KeysUnavailableException.class)
                .hasMessage("the issuer's keys cannot be read now");
    }

    @Test
    void anErrorStatusFromTheKeySetLeavesTokensUnchecked() {
        server.answer(500, "{\"keys\":[]}");

        assertThatThrownBy(() -> verifier(options(Duration.ofMinutes(5), Duration.ofHours(1))).verify(token(KEY, "one")))
                .isInstanceOf(KeysUnavailableException.class);
    }

    @Test
    void anAnswerThatIsNoKeySetLeavesTokensUnchecked() {
        server.answer(200, "<html>Bad gateway</html>");

        assertThatThrownBy(() -> verifier(options(Duration.ofMinutes(5), Duration.ofHours(1))).verify(token(KEY, "one")))
                .as("an error page served with 200 is a failure too, not an empty key set")
                .isInstanceOf(KeysUnavailableException.class);
    }

    @Test
    void theLastKeySetReadKeepsTokensWorkingAfterItsCacheExpiredDuringAnOutage() {
        server.serve(keySet(KEY, "one"));
        TokenVerifier verifier = verifier(options(Duration.ofMillis(1), Duration.ofHours(1)));
        assertThat(verifier.verify(token(KEY, "one")).publish()).hasSize(1);
        int fetched = server.fetches();

        server.answer(503, "down for maintenance");

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(verifier.verify(token(KEY, "one")).publish()).as("a token of the kept key").hasSize(1);
            assertThat(server.fetches()).as("the expired cache made the hub try the endpoint again").isGreaterThan(fetched);
        });
    }

    @Test
    void beyondTheOutageToleranceTokensCannotBeChecked() {
        server.serve(keySet(KEY, "one"));
        TokenVerifier verifier = verifier(options(Duration.ofMillis(1), Duration.ofMillis(1)));
        assertThat(verifier.verify(token(KEY, "one")).publish()).hasSize(1);

        server.answer(503, "down for maintenance");

        await().atMost(WAIT).untilAsserted(() -> assertThatThrownBy(() -> verifier.verify(token(KEY, "one")))
                .isInstanceOf(KeysUnavailableException.class));
    }

    @Test
    void aKidTheKeptSetLacksWhileTheEndpointFailsIsUncheckedNotRefused() {
        server.serve(keySet(KEY, "one"));
        TokenVerifier verifier = verifier(options(Duration.ofMinutes(5), Duration.ofHours(1)));
        verifier.verify(token(KEY, "one"));

        server.answer(502, "bad gateway");

        assertThatThrownBy(() -> verifier.verify(token(NEW_KEY, "two")))
                .as("the issuer may have added this key during the outage").isInstanceOf(KeysUnavailableException.class);
        assertThat(verifier.verify(token(KEY, "one")).publish()).as("the kept key still verifies").hasSize(1);
    }

    @Test
    void whileTheRefetchLimitHoldsAfterAFailureTokensStayUncheckedAndTheRetryAfterSaysUntilWhen() {
        server.close();
        TokenVerifier verifier = verifier(new JwksKeys.Options(Duration.ofMinutes(5), Duration.ofMinutes(1),
                Duration.ofSeconds(5), Duration.ofHours(1)));

        for (int i = 0; i < 5; i++) {
            String token = token(KEY, "kid-" + i);
            assertThatThrownBy(() -> verifier.verify(token)).as("token %d, fetch allowed or not", i)
                    .isInstanceOfSatisfying(KeysUnavailableException.class, unavailable -> assertThat(unavailable.retryAfter())
                            .isBetween(Duration.ofSeconds(1), Duration.ofMinutes(1)));
        }
    }

    @Test
    void tokensAreCheckedAgainOnceTheKeySetIsBack() {
        server.answer(500, "oops");
        TokenVerifier verifier = verifier(options(Duration.ofMinutes(5), Duration.ofHours(1)));
        assertThatThrownBy(() -> verifier.verify(token(KEY, "one"))).isInstanceOf(KeysUnavailableException.class);

        server.serve(keySet(KEY, "one"));

        assertThat(verifier.verify(token(KEY, "one")).publish()).hasSize(1);
        assertThatThrownBy(() -> verifier.verify(token(NEW_KEY, "two"))).as("and a kid the fresh set lacks is refused")
                .isInstanceOf(InvalidTokenException.class);
    }
}
