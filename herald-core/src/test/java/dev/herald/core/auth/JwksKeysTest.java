package dev.herald.core.auth;

import static dev.herald.core.auth.AccessTokens.ISSUER;
import static dev.herald.core.auth.AccessTokens.RESOURCE;
import static dev.herald.core.auth.AccessTokens.claims;
import static dev.herald.core.auth.AccessTokens.detail;
import static dev.herald.core.auth.AccessTokens.exact;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.Curve;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issuer keys from a JSON Web Key Set, by {@code file://} and by HTTP from a real local server. */
class JwksKeysTest {

    private static final Instant NOW = Instant.now();
    private static final KeyPair FIRST = TestKeys.rsa(2048);
    private static final KeyPair SECOND = TestKeys.rsa(2048);
    private static final KeyPair EC = TestKeys.ec("secp256r1");
    private static final List<Map<String, Object>> EVERYTHING =
            List.of(detail(List.of("publish", "subscribe"), List.of(exact("*"))));
    /** Refetch on an unknown kid at once: rotation is seen by the next token. */
    private static final JwksKeys.Options EAGER = new JwksKeys.Options(Duration.ofMinutes(5), Duration.ZERO,
            Duration.ofSeconds(5));

    @TempDir
    Path dir;
    private final KeySetServer server = KeySetServer.start();

    @AfterEach
    void stopServer() {
        server.close();
    }

    private static String keySet(RSAKey... keys) {
        return new JWKSet(List.of(keys)).toString();
    }

    private static RSAKey rsa(KeyPair pair, String kid) {
        return new RSAKey.Builder((RSAPublicKey) pair.getPublic()).keyID(kid).build();
    }

    private static TokenVerifier verifier(TrustedKeys keys) {
        return new TokenVerifier(Optional.empty(), new AccessTokenRules(Set.of(RESOURCE), Map.of(ISSUER, keys),
                UrlPatternGrants.NOT_SUPPORTED_YET), TokenVerifier.DEFAULT_CLOCK_SKEW, Clock.systemUTC());
    }

    /** A new token text each time (its own {@code jti}): the verifier remembers tokens it accepted. */
    private static String token(KeyPair pair, String kid) {
        return AccessTokens.rs256(pair, kid, claims(NOW.plusSeconds(3600), EVERYTHING)
                .jwtID(java.util.UUID.randomUUID().toString()).build());
    }

    @Test
    void aTokenSignedWithAKeyOfAFileKeySetIsAccepted() throws IOException {
        Path file = Files.writeString(dir.resolve("jwks.json"), keySet(rsa(FIRST, "one"), rsa(SECOND, "two")));
        TokenVerifier verifier = verifier(JwksKeys.of(file.toUri(), EAGER));

        assertThat(verifier.verify(token(SECOND, "two")).publish()).as("the kid picks the second key").hasSize(1);
    }

    @Test
    void aKidTheKeySetLacksIsRefused() throws IOException {
        Path file = Files.writeString(dir.resolve("jwks.json"), keySet(rsa(FIRST, "one")));
        TokenVerifier verifier = verifier(JwksKeys.of(file.toUri(), EAGER));

        assertThatThrownBy(() -> verifier.verify(token(SECOND, "two"))).isInstanceOf(InvalidTokenException.class)
                .hasMessage("wrong algorithm: no key of the issuer fits the token's alg and kid");
    }

    @Test
    void aRotatedKeySetIsFetchedAgainWhenATokenNamesANewKid() throws IOException {
        server.serve(keySet(rsa(FIRST, "2026-01")));
        TokenVerifier verifier = verifier(JwksKeys.of(server.uri(), EAGER));
        assertThat(verifier.verify(token(FIRST, "2026-01")).publish()).as("before the rotation").hasSize(1);

        server.serve(keySet(rsa(SECOND, "2026-02")));

        assertThat(verifier.verify(token(SECOND, "2026-02")).publish()).as("a token of the new key").hasSize(1);
        assertThatThrownBy(() -> verifier.verify(token(FIRST, "2026-01")))
                .as("a new token of the retired key").isInstanceOf(InvalidTokenException.class);
        assertThat(server.fetches()).as("one fetch at the start, one for the new kid, one for the retired kid "
                + "(no minimum interval here)").isEqualTo(3);
    }

    @Test
    void madeUpKidsDoNotMakeTheHubFetchTheKeySetAgainAndAgain() throws IOException {
        server.serve(keySet(rsa(FIRST, "real")));
        TokenVerifier verifier = verifier(JwksKeys.of(server.uri(),
                new JwksKeys.Options(Duration.ofMinutes(5), Duration.ofMinutes(1), Duration.ofSeconds(5))));
        verifier.verify(token(FIRST, "real"));

        for (int i = 0; i < 20; i++) {
            String madeUp = token(FIRST, "made-up-" + i);
            assertThatThrownBy(() -> verifier.verify(madeUp)).isInstanceOf(InvalidTokenException.class);
        }

        assertThat(server.fetches()).as("fetches for 21 tokens, 20 of them with unknown kids, within a minute")
                .isLessThanOrEqualTo(3);
    }

    @Test
    void anEs256KeyOfTheSetVerifiesEs256Tokens() throws IOException {
        ECKey ec = new ECKey.Builder(Curve.P_256, (ECPublicKey) EC.getPublic()).keyID("ec").build();
        Path file = Files.writeString(dir.resolve("jwks.json"), new JWKSet(ec).toString());

        String token = AccessTokens.es256(EC, "ec", claims(NOW.plusSeconds(3600), EVERYTHING).build());

        assertThat(verifier(JwksKeys.of(file.toUri(), EAGER)).verify(token).publish()).hasSize(1);
    }

    @Test
    void aSymmetricKeyInAPublishedSetIsNeverUsed() throws IOException {
        String secret = TestKeys.hmacSecret();
        OctetSequenceKey oct = new OctetSequenceKey.Builder(secret.getBytes(StandardCharsets.UTF_8)).keyID("shared").build();
        Path file = Files.writeString(dir.resolve("jwks.json"), new JWKSet(oct).toString());
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.HS256).type(AccessTokens.AT_JWT).keyID("shared").build();

        String token = AccessTokens.hs256(header, secret, claims(NOW.plusSeconds(3600), EVERYTHING).build());

        assertThatThrownBy(() -> verifier(JwksKeys.of(file.toUri(), EAGER)).verify(token))
                .as("HS256 is not on the key-set allowlist").isInstanceOf(InvalidTokenException.class)
                .extracting(e -> ((InvalidTokenException) e).reason()).isEqualTo(InvalidTokenException.Reason.WRONG_ALGORITHM);
    }

    @Test
    void anUnreadableKeySetLeavesTheTokenUncheckedRatherThanRefused() {
        TokenVerifier verifier = verifier(JwksKeys.of(dir.resolve("missing.json").toUri(), EAGER));

        assertThatThrownBy(() -> verifier.verify(token(FIRST, "one"))).as("the hub's trouble, not the token's")
                .isInstanceOf(KeysUnavailableException.class).hasMessage("the issuer's keys cannot be read now");
    }

    @Test
    void keySetUrlsMustBeHttpsOrFilesOrLoopback() {
        assertThatIllegalArgumentException().isThrownBy(() -> JwksKeys.of(URI.create("http://keys.example.com/jwks.json"), EAGER))
                .withMessage("JWKS URL http://keys.example.com/jwks.json must be https:// (http:// only to a loopback "
                        + "address) or file://");
        assertThatIllegalArgumentException().isThrownBy(() -> JwksKeys.of(URI.create("ftp://keys.example.com/jwks.json"), EAGER))
                .withMessage("JWKS URL ftp://keys.example.com/jwks.json must be https:// or file://");
        assertThat(JwksKeys.of(URI.create("https://keys.example.com/jwks.json"), EAGER)).isNotNull();
    }
}
