package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.core.auth.JwtAlgorithm;
import dev.herald.core.auth.JwtKey;
import dev.herald.core.auth.TrustedIssuer;
import dev.herald.core.auth.TrustedKeys;
import java.net.URI;
import java.util.List;
import dev.herald.server.support.RunningHub;
import dev.herald.server.support.Tokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StartupTest {

    /** A secret nobody published. */
    private static final JwtKey OWN_KEY = JwtKey.parse(JwtAlgorithm.HS256, "k7Vq2pR9xW4mZ8nB3cL6tY1hG5jD0sFa");

    @Test
    void refusesToListenBeyondLoopbackWithoutPublisherKeys() {
        ServerOptions everywhere = ServerOptions.builder().host("0.0.0.0").port(0).build();

        assertThatThrownBy(() -> HeraldServer.start(everywhere))
                .isInstanceOf(StartupException.class)
                .hasMessageContaining("refusing to listen on 0.0.0.0")
                .hasMessageContaining("--host 127.0.0.1");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"!ChangeThisMercureHubJWTSecretKey!", "a-secret-of-at-least-32-bytes-long!!"})
    void refusesToListenBeyondLoopbackWithAnExamplePublisherSecret(String secret) {
        ServerOptions everywhere = ServerOptions.builder().host("0.0.0.0").port(0)
                .security(SecurityOptions.defaults().withKeys(JwtKey.parse(JwtAlgorithm.HS256, secret), OWN_KEY)).build();

        assertThatThrownBy(() -> HeraldServer.start(everywhere))
                .isInstanceOf(StartupException.class)
                .hasMessageStartingWith("refusing to listen on 0.0.0.0: the publisher key is ")
                .hasMessageContaining("so anyone could sign publishers' tokens")
                .hasMessageNotContaining(secret);
    }

    @Test
    void refusesToListenBeyondLoopbackWithAnExampleSubscriberSecret() {
        ServerOptions everywhere = ServerOptions.builder().host("0.0.0.0").port(0)
                .security(SecurityOptions.defaults().withKeys(OWN_KEY, Tokens.key())).build();

        assertThatThrownBy(() -> HeraldServer.start(everywhere))
                .isInstanceOf(StartupException.class)
                .hasMessage("refusing to listen on 0.0.0.0: the subscriber key is the Mercure documentation's example "
                        + "secret, so anyone could sign subscribers' tokens and read private updates; configure a secret "
                        + "of your own (openssl rand -base64 32)");
    }

    @Test
    void refusesToListenBeyondLoopbackWithAnExampleSecretOfATrustedIssuer() {
        TrustedKeys example = TrustedKeys.of(List.of(Tokens.key()));
        SecurityOptions security = SecurityOptions.defaults().withKeys(OWN_KEY, OWN_KEY).withAccessTokens(
                new AccessTokenOptions(List.of(URI.create("https://hub.example.com")),
                        List.of(new TrustedIssuer("https://app.example.com", example, example))));
        ServerOptions everywhere = ServerOptions.builder().host("0.0.0.0").port(0).security(security).build();

        assertThatThrownBy(() -> HeraldServer.start(everywhere))
                .isInstanceOf(StartupException.class)
                .hasMessage("refusing to listen on 0.0.0.0: the issuer's publisher key is the Mercure documentation's "
                        + "example secret, so anyone could sign publishers' tokens; configure a secret of your own "
                        + "(openssl rand -base64 32)");
    }

    @Test
    void everyExampleSecretIsAValidKeyThatIsRecognized() {
        for (ExampleSecrets.Example example : ExampleSecrets.KNOWN) {
            assertThat(ExampleSecrets.sourceOf(JwtKey.parse(JwtAlgorithm.HS256, example.secret())))
                    .as("%s is recognized as %s", example.secret(), example.source()).hasValue(example.source());
        }
        assertThat(ExampleSecrets.sourceOf(OWN_KEY)).as("a secret of one's own is not an example").isEmpty();
    }

    @Test
    void anExampleSecretOnLoopbackIsAccepted() {
        try (RunningHub hub = RunningHub.start(ServerOptions.builder().security(Tokens.security()).build())) {
            assertThat(hub.server().address().getAddress().isLoopbackAddress()).as("the hub started on loopback").isTrue();
        }
    }

    @Test
    void aDemoTopicWithAControlCharacterIsRefusedBeforeStarting() {
        assertThatThrownBy(() -> ServerOptions.builder().demoTopic("https://herald.local/demo\r\nforged").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("demoTopic must not contain control or format characters (U+000D at index 25)");
    }

    @Test
    void aPortInUseIsReportedAsAStartupError() {
        try (RunningHub first = RunningHub.start()) {
            assertThatThrownBy(() -> HeraldServer.start(ServerOptions.defaults().withPort(first.port())))
                    .isInstanceOf(StartupException.class)
                    .hasMessageContaining("cannot listen on 127.0.0.1:" + first.port());
        }
    }
}
