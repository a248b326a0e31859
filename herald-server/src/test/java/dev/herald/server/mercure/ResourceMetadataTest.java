package dev.herald.server.mercure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.core.auth.JwksKeys;
import dev.herald.core.auth.TrustedIssuer;
import dev.herald.core.auth.TrustedKeys;
import dev.herald.server.AccessTokenOptions;
import dev.herald.server.ServerOptions;
import dev.herald.server.support.AccessTokens;
import dev.herald.server.support.RunningHub;
import dev.herald.server.support.Tokens;
import dev.herald.server.support.RawHttp;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 9728 protected-resource metadata at {@code /.well-known/oauth-protected-resource/.well-known/mercure}. */
class ResourceMetadataTest {

    private static final String PATH = "/.well-known/oauth-protected-resource/.well-known/mercure";

    private static HttpResponse<String> metadata(RunningHub hub) {
        return hub.request(HttpRequest.newBuilder(hub.uri(PATH)).GET().build());
    }

    @Test
    void theMetadataNamesTheResourceAndHowToPresentTokens() {
        try (RunningHub hub = RunningHub.start(ServerOptions.builder().security(AccessTokens.security()).build())) {
            HttpResponse<String> response = metadata(hub);

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
            assertThat(response.body()).as("the whole document").isEqualTo("{"
                    + "\"resource\":\"https://localhost/.well-known/mercure\","
                    + "\"authorization_details_types_supported\":[\"https://mercure.rocks/authorization-detail\"],"
                    + "\"bearer_methods_supported\":[\"header\"],"
                    + "\"mercure_cookie\":\"__Secure-mercure_access_token\","
                    + "\"mercure_matcher_types_supported\":[\"exact\",\"urlpattern\"],"
                    + "\"mercure_subscriptions\":true}");
        }
    }

    @Test
    void issuersWithAPublishedKeySetAreListedAsAuthorizationServersAndSubscriptionsOffAreLeftOut() {
        JwksKeys published = JwksKeys.of(URI.create("https://auth.example.com/jwks.json"), JwksKeys.Options.DEFAULTS);
        AccessTokenOptions accessTokens = new AccessTokenOptions(List.of(URI.create("https://hub.example.com")),
                List.of(new TrustedIssuer("https://auth.example.com", published, published),
                        new TrustedIssuer("https://app.example.com", TrustedKeys.of(List.of(Tokens.key())),
                                TrustedKeys.of(List.of(Tokens.key())))));
        try (RunningHub hub = RunningHub.start(ServerOptions.builder()
                .security(Tokens.security().withAccessTokens(accessTokens)).activeSubscriptions(false).build())) {
            assertThat(metadata(hub).body()).isEqualTo("{"
                    + "\"resource\":\"https://hub.example.com/.well-known/mercure\","
                    + "\"authorization_servers\":[\"https://auth.example.com\"],"
                    + "\"authorization_details_types_supported\":[\"https://mercure.rocks/authorization-detail\"],"
                    + "\"bearer_methods_supported\":[\"header\"],"
                    + "\"mercure_cookie\":\"__Secure-mercure_access_token\","
                    + "\"mercure_matcher_types_supported\":[\"exact\",\"urlpattern\"]}");
        }
    }

    @Test
    void theResourceIsThatOfThePublicUrlTheRequestNamed() throws Exception {
        AccessTokenOptions accessTokens = new AccessTokenOptions(
                List.of(URI.create("https://hub.example.com"), URI.create("https://push.example.org")),
                List.of());
        try (RunningHub hub = RunningHub.start(ServerOptions.builder()
                .security(Tokens.security().withAccessTokens(accessTokens)).build());
                Socket socket = RawHttp.connect(hub.uri("/"), "127.0.0.1")) {
            RawHttp.write(socket, "GET " + PATH + " HTTP/1.1\r\nHost: push.example.org:443\r\nConnection: close\r\n\r\n");

            String answer = RawHttp.readUntilClosed(socket, Duration.ofSeconds(5));

            assertThat(RunningHub.json(answer.substring(answer.indexOf("\r\n\r\n") + 4)).get("resource").asText())
                    .as("the second public URL, named with its default port").isEqualTo("https://push.example.org/.well-known/mercure");
        }
    }

    @Test
    void aHubWithoutPublicUrlServesNoMetadata() {
        try (RunningHub hub = RunningHub.start(ServerOptions.builder().security(Tokens.security()).build())) {
            assertThat(metadata(hub).statusCode())
                    .as("no metadata: draft-08's hint that the hub speaks the earlier protocol").isEqualTo(404);
        }
    }
}
