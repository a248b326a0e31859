package dev.herald.server;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.client.sse.SseEvent;
import dev.herald.server.support.MercureClient;
import dev.herald.server.support.RawHttp;
import dev.herald.server.support.RunningHub;
import dev.herald.server.support.SseRecorder;
import dev.herald.server.support.Tokens;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Cross-site request forgery on the keyless hub: a browser's publish from another origin is refused
 * (403) by {@code Origin} and {@code Sec-Fetch-Site}, and {@code /send} takes JSON only (415), so a form
 * on another site cannot post to it; requests without those headers (curl, back ends) keep working.
 */
class KeylessPublishOriginTest {

    private static final String TOPIC = "https://example.com/csrf";
    private static final String MERCURE_FORM = MercureClient.form(List.of(entry("topic", TOPIC), entry("data", "forged")));
    private static final String SEND_JSON = "{\"message\":\"forged\"}";

    private final RunningHub hub = RunningHub.start(ServerOptions.builder().demoTopic(TOPIC).build());

    @AfterEach
    void stop() {
        hub.close();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
        "another site's page|Origin: http://evil.example",
        "a rebinding page|Origin: http://evil.example:PORT",
        "another port of this machine|Origin: http://127.0.0.1:1",
        "another loopback name than the one addressed|Origin: http://localhost:PORT",
        "TLS origin of another site|Origin: https://evil.example",
        "an opaque origin (sandboxed frame, file: page)|Origin: null",
        "a cross-site fetch without Origin|Sec-Fetch-Site: cross-site",
        "a same-site page on another port, without Origin|Sec-Fetch-Site: same-site",
        "a cross-site fetch claiming our Origin|Origin: http://127.0.0.1:PORT, Sec-Fetch-Site: cross-site",
    })
    void aCrossSiteMercurePublishIs403AndPublishesNothing(String who, String headers) {
        try (SseRecorder stream = new MercureClient(hub).subscribe(TOPIC)) {
            RawHttp.Answer answer = post(MercureClient.PATH, "application/x-www-form-urlencoded", headers, MERCURE_FORM);

            assertThat(answer.status()).as("a publish from %s is refused", who).isEqualTo(403);
            assertThat(RunningHub.json(answer.body()).get("error").asText())
                    .startsWith("cross-site publish refused: this hub has no publisher key");
            assertOnlyTheNextPublishArrives(stream);
        }
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
        "another site's page|Origin: http://evil.example",
        "a cross-site fetch without Origin|Sec-Fetch-Site: cross-site",
        "a same-site page on another port|Origin: http://127.0.0.1:1, Sec-Fetch-Site: same-site",
    })
    void aCrossSiteSendIs403AndPublishesNothing(String who, String headers) {
        try (SseRecorder stream = hub.stream()) {
            RawHttp.Answer answer = post("/send", "application/json", headers, SEND_JSON);

            assertThat(answer.status()).as("a demo message from %s is refused", who).isEqualTo(403);
            assertOnlyTheNextPublishArrives(stream);
        }
    }

    @ParameterizedTest(name = "headers [{0}]")
    @ValueSource(strings = {"Origin: http://127.0.0.1:PORT, Sec-Fetch-Site: same-origin",
        "Origin: HTTP://127.0.0.1:PORT/", "Sec-Fetch-Site: none", ""})
    void aPublishFromTheHubsOwnOriginOrWithoutBrowserHeadersIsServed(String headers) {
        assertThat(post(MercureClient.PATH, "application/x-www-form-urlencoded", headers, MERCURE_FORM).status())
                .as("the hub's own page, a typed request or curl may publish").isEqualTo(200);
        assertThat(post("/send", "application/json", headers, SEND_JSON).status()).isEqualTo(200);
    }

    @Test
    void theOwnOriginFollowsTheHostTheBrowserAddressed() {
        String headers = "Host: localhost:PORT, Origin: http://localhost:PORT, Sec-Fetch-Site: same-origin";

        assertThat(post("/send", "application/json", headers, SEND_JSON).status())
                .as("the page at http://localhost:port publishes to itself").isEqualTo(200);
    }

    @Test
    void anOriginAmongThePublishOriginsMayPublish() {
        try (RunningHub trusting = RunningHub.start(ServerOptions.builder().demoTopic(TOPIC)
                .security(SecurityOptions.defaults().withPublishOrigins(List.of("http://localhost:5173"))).build())) {
            Map<String, String> headers = Map.of("Host", "127.0.0.1:" + trusting.port(), "Origin", "http://localhost:5173",
                    "Sec-Fetch-Site", "same-site", "Content-Type", "application/json");

            assertThat(RawHttp.exchange(trusting.port(), "POST", "/send", headers, SEND_JSON).status())
                    .as("the operator trusted the local development server's origin").isEqualTo(200);
        }
    }

    @Test
    void withAPublisherKeyTheTokenDecidesNotTheOrigin() {
        try (RunningHub keyed = RunningHub.start(ServerOptions.builder().security(Tokens.security()).build())) {
            Map<String, String> headers = Map.of("Host", "127.0.0.1:" + keyed.port(), "Origin", "https://app.example.com",
                    "Sec-Fetch-Site", "cross-site", "Authorization", "Bearer " + Tokens.publisher("*"),
                    "Content-Type", "application/x-www-form-urlencoded");

            assertThat(RawHttp.exchange(keyed.port(), "POST", MercureClient.PATH, headers, MERCURE_FORM).status())
                    .as("a token in the Authorization header is never sent by a browser on its own").isEqualTo(200);
        }
    }

    @ParameterizedTest(name = "Content-Type: {0}")
    @ValueSource(strings = {"application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "text/plain",
        "application/jsonp", "NONE"})
    void sendTakesJsonOnly(String contentType) {
        try (SseRecorder stream = hub.stream()) {
            RawHttp.Answer answer = post("/send", contentType, "", SEND_JSON);

            assertThat(answer.status()).as("a %s body is not JSON", contentType).isEqualTo(415);
            assertThat(RunningHub.json(answer.body()).get("error").asText())
                    .isEqualTo("the body must be JSON, sent with Content-Type: application/json");
            assertOnlyTheNextPublishArrives(stream);
        }
    }

    @ParameterizedTest(name = "Content-Type: {0}")
    @ValueSource(strings = {"application/json", "application/json; charset=utf-8", "Application/JSON"})
    void sendTakesJsonWithOrWithoutCharset(String contentType) {
        assertThat(post("/send", contentType, "", SEND_JSON).status()).isEqualTo(200);
    }

    /** Publishes a marker the normal way: it must be the stream's only event. */
    private void assertOnlyTheNextPublishArrives(SseRecorder stream) {
        String marker = new MercureClient(hub).publishOk(null, List.of(entry("topic", TOPIC), entry("data", "marker")));
        assertThat(stream.awaitEvents(1)).extracting(SseEvent::lastEventId)
                .as("nothing was published for the refused request").containsExactly(marker);
    }

    /**
     * POSTs with {@code Host: 127.0.0.1:port} (unless given), the content type ({@code NONE}: no header)
     * and the comma-separated {@code Name: value} headers, where {@code PORT} is the hub's port.
     */
    private RawHttp.Answer post(String path, String contentType, String headerList, String body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Host", "127.0.0.1:" + hub.port());
        if (!"NONE".equals(contentType)) {
            headers.put("Content-Type", contentType);
        }
        for (String header : headerList.replace("PORT", String.valueOf(hub.port())).split(",")) {
            if (!header.isBlank()) {
                String[] nameAndValue = header.split(":", 2);
                headers.put(nameAndValue[0].trim(), nameAndValue[1].trim());
            }
        }
        return RawHttp.exchange(hub.port(), "POST", path, headers, body);
    }
}
