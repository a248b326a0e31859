package dev.herald.server.mercure;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import dev.herald.core.auth.JwksKeys;
import dev.herald.core.auth.KeySetServer;
import dev.herald.core.auth.TrustedIssuer;
import dev.herald.server.AccessTokenOptions;
import dev.herald.server.SecurityOptions;
import dev.herald.server.ServerOptions;
import dev.herald.server.support.AccessTokens;
import dev.herald.server.support.MercureClient;
import dev.herald.server.support.RunningHub;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What publishers and subscribers get when the issuer's key set (JWKS, a real local HTTP server here)
 * is down or answers garbage: the hub cannot check their tokens, which is its trouble and not theirs, so
 * 503 with {@code Retry-After} (RFC 9110 §15.6.4), never a 401 {@code invalid_token} telling them to
 * throw a good token away. The hub's key cache lasts a millisecond here, so every request goes back to
 * the key set, as after the cache expired; the last set read keeps serving the keys it holds.
 */
class KeySetOutageTest {

    private static final String AUTH_SERVER = "https://auth.example.com";
    private static final String BOOK = "https://example.com/books/1";
    private static final KeyPair KEY = rsa();

    private final KeySetServer jwks = KeySetServer.start();
    private final RunningHub hub = RunningHub.start(ServerOptions.builder().security(security()).build());
    private final MercureClient mercure = new MercureClient(hub);

    @AfterEach
    void stop() {
        hub.close();
        jwks.close();
    }

    private SecurityOptions security() {
        JwksKeys published = JwksKeys.of(jwks.uri(),
                new JwksKeys.Options(Duration.ofMillis(1), Duration.ZERO, Duration.ofSeconds(5), Duration.ofHours(1)));
        return SecurityOptions.defaults().withAccessTokens(new AccessTokenOptions(List.of(URI.create(AccessTokens.PUBLIC_URL)),
                List.of(new TrustedIssuer(AUTH_SERVER, published, published))));
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (java.security.GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    private static String keySet(String kid) {
        return new JWKSet(new RSAKey.Builder((RSAPublicKey) KEY.getPublic()).keyID(kid).build()).toString();
    }

    /** A new token text each time, so the hub cannot answer from the tokens it remembers. */
    private static String token(String kid, List<String> actions) {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(new JOSEObjectType("at+jwt"))
                .keyID(kid).build(), AccessTokens.claims(AccessTokens.YEAR_2100, AccessTokens.grant(actions, "*"))
                .issuer(AUTH_SERVER).jwtID(UUID.randomUUID().toString()).build());
        try {
            jwt.sign(new RSASSASigner(KEY.getPrivate()));
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new AssertionError(e);
        }
        return jwt.serialize();
    }

    private HttpResponse<String> publish(String kid) {
        return mercure.publish(token(kid, List.of("publish")), List.of(entry("topic", BOOK), entry("data", "x")));
    }

    private static void assertUnavailable(HttpResponse<String> response) {
        assertThat(response.statusCode()).as("the hub's trouble: %s", response.body()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).as("when to come back")
                .hasValueSatisfying(seconds -> assertThat(Integer.parseInt(seconds)).isPositive());
        assertThat(response.headers().firstValue("WWW-Authenticate")).as("no challenge: the token was not refused")
                .isEmpty();
        assertThat(RunningHub.json(response.body()).get("error").asText())
                .isEqualTo("the token cannot be checked now: the issuer's keys cannot be read now");
    }

    @Test
    void aPublisherWhoseIssuersKeySetIsDownGets503WithRetryAfter() {
        jwks.close();

        assertUnavailable(publish("one"));
    }

    @Test
    void aPublisherWhoseIssuersKeySetAnswersGarbageGets503() {
        jwks.answer(200, "<html>502 Bad Gateway</html>");

        assertUnavailable(publish("one"));
    }

    @Test
    void aSubscriberWhoseIssuersKeySetFailsGets503BeforeAnyStream() {
        jwks.answer(500, "oops");
        HttpRequest request = HttpRequest.newBuilder(hub.uri(MercureEndpoint.PATH + "?" + MercureClient.query(BOOK)))
                .header("Authorization", "Bearer " + token("one", List.of("subscribe"))).GET().build();

        assertUnavailable(hub.request(request));
    }

    @Test
    void publishingWorksAgainOnceTheKeySetAnswers() {
        jwks.answer(503, "maintenance");
        assertUnavailable(publish("one"));

        jwks.serve(keySet("one"));

        assertThat(publish("one").statusCode()).isEqualTo(200);
    }

    @Test
    void theKeysLastReadKeepPublishersGoingWhileTheKeySetIsDown() {
        jwks.serve(keySet("one"));
        assertThat(publish("one").statusCode()).isEqualTo(200);

        jwks.close();

        assertThat(publish("one").statusCode()).as("a key the hub read before the outage, its cache long expired")
                .isEqualTo(200);
        assertUnavailable(publish("two"));
    }
}
