package dev.herald.server.mercure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.server.SecurityOptions;
import dev.herald.server.ServerOptions;
import dev.herald.server.support.MercureClient;
import dev.herald.server.support.RunningHub;
import dev.herald.server.support.SseRecorder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Cross-origin access: an explicit allow-list with credentials, never a reflected origin. */
class CorsTest {

    private static final String APP = "https://app.example.com";

    private static RunningHub hubAllowing(List<String> origins) {
        return RunningHub.start(ServerOptions.builder()
                .security(SecurityOptions.defaults().withCorsOrigins(origins)).build());
    }

    private static HttpResponse<String> preflight(RunningHub hub, String origin) {
        return hub.request(HttpRequest.newBuilder(hub.uri(MercureClient.PATH))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin)
                .header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "authorization,last-event-id").build());
    }

    @Test
    void aListedOriginMayCallWithCredentials() {
        try (RunningHub hub = hubAllowing(List.of(APP))) {
            HttpResponse<String> response = preflight(hub, APP);

            assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue(APP);
            assertThat(response.headers().firstValue("Access-Control-Allow-Credentials")).hasValue("true");
            assertThat(response.headers().firstValue("Access-Control-Allow-Headers").orElse("").toLowerCase())
                    .contains("authorization").contains("last-event-id");
        }
    }

    @Test
    void anUnlistedOriginIsNeverReflected() {
        try (RunningHub hub = hubAllowing(List.of(APP))) {
            HttpResponse<String> response = preflight(hub, "https://evil.example.net");

            assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        }
    }

    @Test
    void theWildcardAllowsAnyOriginButNeverWithCredentials() {
        try (RunningHub hub = hubAllowing(List.of("*"))) {
            HttpResponse<String> response = preflight(hub, "https://anyone.example.org");

            assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
            assertThat(response.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();
        }
    }

    @Test
    void aStreamOpenedFromAListedOriginCarriesTheCorsHeaders() {
        try (RunningHub hub = hubAllowing(List.of(APP));
                SseRecorder stream = new MercureClient(hub).subscribe(Map.of("Origin", APP), "a")) {
            assertThat(stream.headers().firstValue("Access-Control-Allow-Origin")).hasValue(APP);
        }
    }

    @Test
    void withoutAllowedOriginsNoCorsHeadersAreSent() {
        try (RunningHub hub = RunningHub.start();
                SseRecorder stream = new MercureClient(hub).subscribe(Map.of("Origin", APP), "a")) {
            assertThat(stream.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        }
    }

    @Test
    void aPageMayReadTheBearerChallengeOfARefusal() {
        try (RunningHub hub = RunningHub.start(ServerOptions.builder()
                .security(dev.herald.server.support.AccessTokens.security().withCorsOrigins(List.of(APP))).build())) {
            HttpResponse<String> refused = hub.request(HttpRequest.newBuilder(hub.uri(MercureClient.PATH))
                    .header("Origin", APP).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("topic=x")).build());

            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(refused.headers().allValues("Access-Control-Expose-Headers"))
                    .as("fetch() may read the challenge and find the resource metadata")
                    .containsExactlyInAnyOrder("Last-Event-ID", "Mercure-Last-Event-ID", "WWW-Authenticate", "Link");
        }
    }
}
