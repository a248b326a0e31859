package dev.herald.server.mercure;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.herald.core.auth.JwksKeys;
import dev.herald.core.auth.JwtAlgorithm;
import dev.herald.core.auth.JwtKey;
import dev.herald.core.auth.KeySetServer;
import dev.herald.core.auth.TrustedIssuer;
import dev.herald.core.auth.TrustedKeys;
import dev.herald.server.AccessTokenOptions;
import dev.herald.server.SecurityOptions;
import dev.herald.server.ServerOptions;
import dev.herald.server.support.AccessTokens;
import dev.herald.server.support.MercureClient;
import dev.herald.server.support.RunningHub;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Several issuers on one hub, each with its own keys: one publishes its keys as a JWKS on a real local
 * HTTP server (rotated during a test), another self-issues with a shared secret.
 */
class AccessTokenIssuersTest {

    private static final String AUTH_SERVER = "https://auth.example.com";
    private static final String APP = "https://app.example.com";
    private static final String APP_SECRET = "k7Vq2pR9xW4mZ8nB3cL6tY1hG5jD0sFa";
    private static final String BOOK = "https://example.com/books/1";

    private final KeySetServer jwks = KeySetServer.start();
    private final RunningHub hub = RunningHub.start(ServerOptions.builder().security(security()).build());
    private final MercureClient mercure = new MercureClient(hub);

    @AfterEach
    void stop() {
        hub.close();
        jwks.close();
    }

    private SecurityOptions security() {
        URI url = jwks.uri();
        // No minimum interval between fetches, so the rotation is seen by the very next token.
        JwksKeys published = JwksKeys.of(url, new JwksKeys.Options(Duration.ofMinutes(5), Duration.ZERO, Duration.ofSeconds(5)));
        TrustedKeys app = TrustedKeys.of(List.of(JwtKey.parse(JwtAlgorithm.HS256, APP_SECRET)));
        return SecurityOptions.defaults().withAccessTokens(new AccessTokenOptions(List.of(URI.create(AccessTokens.PUBLIC_URL)),
                List.of(new TrustedIssuer(AUTH_SERVER, published, published), new TrustedIssuer(APP, app, app))));
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

    private static String keySetOf(KeyPair pair, String kid) {
        return new JWKSet(new RSAKey.Builder((RSAPublicKey) pair.getPublic()).keyID(kid).build()).toString();
    }

    private static JWTClaimsSet claims(String issuer) {
        return AccessTokens.claims(AccessTokens.YEAR_2100, AccessTokens.grant(List.of("publish"), "*"))
                .issuer(issuer).jwtID(UUID.randomUUID().toString()).build();
    }

    private static String rs256(KeyPair pair, String kid, String issuer) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(new JOSEObjectType("at+jwt"))
                .keyID(kid).build(), claims(issuer));
        jwt.sign(new RSASSASigner(pair.getPrivate()));
        return jwt.serialize();
    }

    private static String hs256(String secret, String issuer) throws Exception {
        SignedJWT jwt = new SignedJWT(AccessTokens.atJwt().build(), claims(issuer));
        jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
        return jwt.serialize();
    }

    private int publish(String token) {
        HttpResponse<String> response = mercure.publish(token, List.of(entry("topic", BOOK), entry("data", "x")));
        return response.statusCode();
    }

    @Test
    void theHubFollowsTheRotationOfAnIssuersPublishedKeys() throws Exception {
        KeyPair january = rsa();
        KeyPair february = rsa();
        jwks.serve(keySetOf(january, "2026-01"));
        assertThat(publish(rs256(january, "2026-01", AUTH_SERVER))).as("a token of the current key").isEqualTo(200);

        jwks.serve(keySetOf(february, "2026-02"));

        assertThat(publish(rs256(february, "2026-02", AUTH_SERVER))).as("a token of the new key").isEqualTo(200);
        assertThat(publish(rs256(january, "2026-01", AUTH_SERVER))).as("a new token of the retired key").isEqualTo(401);
    }

    @Test
    void aKeyEmbeddedInTheTokenIsNeverUsed() throws Exception {
        KeyPair trusted = rsa();
        KeyPair attacker = rsa();
        jwks.serve(keySetOf(trusted, "2026-01"));
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256).type(new JOSEObjectType("at+jwt")).keyID("2026-01")
                .jwk(new RSAKey.Builder((RSAPublicKey) attacker.getPublic()).keyID("2026-01").build()).build();
        SignedJWT forged = new SignedJWT(header, claims(AUTH_SERVER));
        forged.sign(new RSASSASigner(attacker.getPrivate()));

        assertThat(publish(forged.serialize())).as("signed with the key the token carries, not the issuer's").isEqualTo(401);
        assertThat(publish(rs256(trusted, "2026-01", AUTH_SERVER))).as("the issuer's own key").isEqualTo(200);
    }

    @Test
    void eachIssuerIsCheckedWithItsOwnKeysOnly() throws Exception {
        jwks.serve(keySetOf(rsa(), "unused"));

        assertThat(publish(hs256(APP_SECRET, APP))).as("the app's token with the app's secret").isEqualTo(200);
        assertThat(publish(hs256(APP_SECRET, AUTH_SERVER)))
                .as("the app's secret must not vouch for the authorization server's tokens").isEqualTo(401);
    }

    @Test
    void withoutADraft07KeyDraft07TokensAreRefused() {
        assertThat(publish(dev.herald.server.support.Tokens.publisher("*")))
                .as("the hub trusts issuers of access tokens only").isEqualTo(401);
    }
}
