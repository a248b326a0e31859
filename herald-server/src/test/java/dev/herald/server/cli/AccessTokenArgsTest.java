package dev.herald.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.herald.core.auth.JwksKeys;
import dev.herald.core.auth.JwtAlgorithm;
import dev.herald.core.auth.JwtKey;
import dev.herald.core.auth.TrustedIssuer;
import dev.herald.core.auth.TrustedKeys;
import dev.herald.server.AccessTokenOptions;
import dev.herald.server.ServerOptions;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The options of draft-08 access tokens: public URLs, the issuer of the keys, key sets, several issuers. */
class AccessTokenArgsTest {

    private static final String SECRET = "!ChangeThisMercureHubJWTSecretKey!";
    private static final String OTHER_SECRET = "k7Vq2pR9xW4mZ8nB3cL6tY1hG5jD0sFa";

    private static ServerOptions parse(Map<String, String> environment, String... args) {
        CommandLine commandLine = HeraldCommand.commandLine(environment, args);
        commandLine.parseArgs(args);
        return ((HeraldCommand) commandLine.getCommand()).options();
    }

    private static AccessTokenOptions accessTokens(String... args) {
        return parse(Map.of(), args).security().accessTokens();
    }

    private static String pem() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(generator.generateKeyPair().getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
    }

    @Test
    void theAcceptanceFlagsMakeTheJwtKeyTheIssuersKey() {
        AccessTokenOptions options = accessTokens("--public-url", "https://localhost", "--jwt-issuer", "https://localhost",
                "--jwt-key", SECRET);

        assertThat(options.resources()).containsExactly("https://localhost/.well-known/mercure");
        TrustedKeys key = TrustedKeys.of(List.of(JwtKey.parse(JwtAlgorithm.HS256, SECRET)));
        assertThat(options.issuers()).containsExactly(new TrustedIssuer("https://localhost", key, key));
    }

    @Test
    void withoutAccessTokenFlagsOnlyDraft07TokensAreChecked() {
        assertThat(accessTokens("--jwt-key", SECRET)).isEqualTo(AccessTokenOptions.NONE);
    }

    @Test
    void publicUrlIsRepeatable() {
        assertThat(accessTokens("--public-url", "https://hub.example.com", "--public-url", "https://push.example.org:8443")
                .resources()).containsExactly("https://hub.example.com/.well-known/mercure",
                        "https://push.example.org:8443/.well-known/mercure");
    }

    @Test
    void anIssuerWithoutPublicUrlStopsTheHub() {
        assertThatIllegalArgumentException().isThrownBy(() -> accessTokens("--jwt-issuer", "https://localhost",
                "--jwt-key", SECRET)).withMessage("trusting an issuer (--jwt-issuer, issuers) needs --public-url: an "
                        + "access token's aud must name this hub");
    }

    @Test
    void aPublicUrlWithAPathStopsTheHub() {
        assertThatIllegalArgumentException().isThrownBy(() -> accessTokens("--public-url", "https://hub.example.com/hub"))
                .withMessage("--public-url https://hub.example.com/hub must be an origin such as https://hub.example.com "
                        + "(scheme, host and port only: the hub's resource is its /.well-known/mercure)");
    }

    @Test
    void anIssuerWithoutKeysStopsTheHub() {
        assertThatIllegalArgumentException().isThrownBy(() -> accessTokens("--public-url", "https://localhost",
                "--jwt-issuer", "https://localhost")).withMessageStartingWith("--jwt-issuer needs keys for both roles");
    }

    @Test
    void aKeySetWithoutIssuerStopsTheHub() {
        assertThatIllegalArgumentException().isThrownBy(() -> accessTokens("--jwks-url", "https://auth.example.com/jwks.json"))
                .withMessage("--jwks-url needs --jwt-issuer: keys are bound to the issuer they sign for");
    }

    @Test
    void aKeySetUrlMakesTheIssuersKeysPublished() {
        AccessTokenOptions options = accessTokens("--public-url", "https://hub.example.com", "--jwt-issuer",
                "https://auth.example.com", "--jwks-url", "https://auth.example.com/jwks.json");

        assertThat(options.issuers()).singleElement().satisfies(issuer -> {
            assertThat(issuer.publisherKeys()).isInstanceOf(JwksKeys.class);
            assertThat(issuer.publisherKeys().published()).isTrue();
        });
    }

    @Test
    void severalIssuersComeFromTheConfigFileEachWithItsOwnKeys(@TempDir Path dir) throws Exception {
        Path pemFile = Files.writeString(dir.resolve("app.pem"), pem());
        Path file = Files.writeString(dir.resolve("herald.yaml"), """
                public-url: https://hub.example.com
                issuers:
                  - issuer: https://auth.example.com
                    jwks-url: https://auth.example.com/jwks.json
                  - issuer: https://app.example.com
                    algorithm: rs256
                    key: '@%s'
                  - issuer: https://cron.example.com
                    publisher-key: '%s'
                    subscriber-key: '%s'
                """.formatted(pemFile, SECRET, OTHER_SECRET));

        AccessTokenOptions options = parse(Map.of(), "--config", file.toString()).security().accessTokens();

        assertThat(options.issuers()).extracting(TrustedIssuer::issuer)
                .containsExactly("https://auth.example.com", "https://app.example.com", "https://cron.example.com");
        assertThat(((TrustedKeys.Configured) options.issuers().get(1).publisherKeys()).keys())
                .extracting(JwtKey::algorithm).containsExactly(JwtAlgorithm.RS256);
        assertThat(options.issuers().get(2).subscriberKeys())
                .isEqualTo(TrustedKeys.of(List.of(JwtKey.parse(JwtAlgorithm.HS256, OTHER_SECRET))));
    }

    @Test
    void issuersReadTheirJsonFromTheEnvironmentToo() {
        AccessTokenOptions options = parse(Map.of("HERALD_PUBLIC_URL", "https://hub.example.com",
                "HERALD_ISSUERS", "[{\"issuer\": \"https://app.example.com\", \"key\": \"" + SECRET + "\"}]"))
                .security().accessTokens();

        assertThat(options.issuers()).extracting(TrustedIssuer::issuer).containsExactly("https://app.example.com");
    }

    @Test
    void anHmacSecretGivenAsAPemIsRefused() throws Exception {
        String json = "[{\"issuer\": \"https://app.example.com\", \"key\": " + quote(pem()) + "}]";

        assertThatIllegalArgumentException().isThrownBy(() -> parse(Map.of(), "--public-url", "https://hub.example.com",
                "--issuers", json)).withMessage("issuers[0] (https://app.example.com) key: HS256 secret looks like a PEM "
                        + "key; configure RS256, ES256 or EdDSA to verify with a public key");
    }

    @Test
    void anIssuersUnknownAlgorithmIsRefusedNamingTheOnesThereAre() {
        String json = "[{\"issuer\": \"https://app.example.com\", \"algorithm\": \"ed448\", \"key\": \"" + SECRET + "\"}]";

        assertThatIllegalArgumentException().isThrownBy(() -> parse(Map.of(), "--public-url", "https://hub.example.com",
                "--issuers", json)).withMessage("issuers[0] (https://app.example.com) algorithm must be one of HS256, "
                        + "RS256, ES256, EdDSA");
    }

    @Test
    void aPublicKeyAlgorithmGivenASecretIsRefused() {
        String json = "[{\"issuer\": \"https://app.example.com\", \"algorithm\": \"es256\", \"key\": \"" + SECRET + "\"}]";

        assertThatIllegalArgumentException().isThrownBy(() -> parse(Map.of(), "--public-url", "https://hub.example.com",
                "--issuers", json)).withMessage("issuers[0] (https://app.example.com) key: ES256 needs a PEM public key "
                        + "('-----BEGIN PUBLIC KEY-----') or certificate ('-----BEGIN CERTIFICATE-----')")
                .withMessageNotContaining(SECRET);
    }

    @Test
    void anUnknownIssuerSettingIsRefusedByName() {
        String json = "[{\"issuer\": \"https://app.example.com\", \"secret\": \"" + SECRET + "\"}]";

        assertThatIllegalArgumentException().isThrownBy(() -> parse(Map.of(), "--public-url", "https://hub.example.com",
                "--issuers", json)).withMessageStartingWith("issuers[0] sets 'secret'; an issuer takes ");
    }

    @Test
    void invalidIssuersJsonIsRefusedWithoutQuotingIt() {
        assertThatIllegalArgumentException().isThrownBy(() -> parse(Map.of(), "--public-url", "https://hub.example.com",
                "--issuers", "[{\"issuer\": \"x\", \"key\": \"" + SECRET + "\"")).withMessageStartingWith("--issuers is not valid JSON")
                .withMessageNotContaining(SECRET);
    }

    private static String quote(String text) {
        return "\"" + text.replace("\n", "\\n") + "\"";
    }
}
