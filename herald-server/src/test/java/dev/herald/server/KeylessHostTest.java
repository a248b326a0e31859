package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.client.sse.SseEvent;
import dev.herald.server.support.RawHttp;
import dev.herald.server.support.RunningHub;
import dev.herald.server.support.SseRecorder;
import dev.herald.server.support.Tokens;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * DNS rebinding: without a publisher key the hub answers only requests addressed to a loopback name,
 * so a page whose own name was made to resolve to 127.0.0.1 can neither publish nor read anything.
 */
class KeylessHostTest {

    private final RunningHub hub = RunningHub.start();

    @AfterEach
    void stop() {
        hub.close();
    }

    @ParameterizedTest(name = "Host: {0}")
    @ValueSource(strings = {"localhost", "localhost:PORT", "LocalHost:PORT", "127.0.0.1", "127.0.0.1:PORT",
        "127.8.9.10:PORT", "[::1]", "[::1]:PORT", "[0:0:0:0:0:0:0:1]:PORT", "[::ffff:127.0.0.1]:PORT"})
    void aLoopbackHostNameIsServed(String host) {
        RawHttp.Answer answer = get("/healthz", host.replace("PORT", String.valueOf(hub.port())));

        assertThat(answer.status()).as("Host %s names this machine's loopback interface", host).isEqualTo(200);
    }

    @ParameterizedTest(name = "Host: {0}")
    @ValueSource(strings = {"evil.example", "evil.example:PORT", "127.0.0.1.evil.example:PORT",
        "localhost.evil.example:PORT", "localhost@evil.example", "128.0.0.1:PORT", "127.0.0.256:PORT", "127.1:PORT",
        "10.0.0.1:PORT", "[::2]:PORT", "[::1", "[::1%25lo]:PORT", "[localhost]:PORT", "[::ffff:10.0.0.1]:PORT", "localhost:PORT:PORT", "localhost:99999999", "0.0.0.0:PORT", ""})
    void anyOtherHostIsMisdirected(String host) {
        RawHttp.Answer answer = get("/healthz", host.replace("PORT", String.valueOf(hub.port())));

        assertThat(answer.status()).as("Host '%s' is not a loopback name", host).isEqualTo(421);
        assertThat(RunningHub.json(answer.body()).get("error").asText())
                .isEqualTo("this hub has no publisher key, so it only answers requests for localhost, 127.0.0.1 "
                        + "or [::1] (the Host header names another host)");
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "GET, /",
        "GET, /index.html",
        "GET, /healthz",
        "GET, /readyz",
        "GET, /metrics",
        "GET, /stream",
        "GET, /.well-known/mercure?topic=x",
        "GET, /.well-known/mercure/subscriptions",
        "POST, /send",
        "POST, /.well-known/mercure",
    })
    void everyRouteRefusesARebindingHost(String method, String path) {
        Map<String, String> headers = Map.of("Host", "evil.example:" + hub.port(), "Content-Type", "application/json");

        RawHttp.Answer answer = RawHttp.exchange(hub.port(), method, path, headers, method.equals("POST") ? "{\"message\":\"x\"}" : null);

        assertThat(answer.status()).as("%s %s for evil.example is refused before it is served", method, path).isEqualTo(421);
        assertThat(hub.server().subscriberCount()).as("no stream was opened").isZero();
    }

    @Test
    void aRebindingPublishStoresNothing() {
        RawHttp.exchange(hub.port(), "POST", "/send",
                Map.of("Host", "evil.example:" + hub.port(), "Content-Type", "application/json"), "{\"message\":\"x\"}");

        String marker = hub.send("marker");
        try (SseRecorder replay = hub.streamAfter("earliest")) {
            assertThat(replay.awaitEvents(1)).extracting(SseEvent::lastEventId)
                    .as("the refused publish left no update in the history").containsExactly(marker);
        }
    }

    @Test
    void twoHostHeadersAreServedOnlyWhenBothAreLoopback() {
        String request = "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n";

        assertThat(rawStatus(request)).as("the second Host names another host").startsWith("HTTP/1.1 4");
    }

    @Test
    void aRequestWithoutHostIsServedBecauseOnlyBrowsersCanBeRebound() {
        String request = "GET /healthz HTTP/1.0\r\n\r\n";

        assertThat(rawStatus(request)).as("an HTTP/1.0 request without Host is answered").endsWith(" 200 OK");
    }

    @Test
    void overHttp2TheAuthorityIsChecked() throws Exception {
        assertThat(curlHttp2("evil.example:" + hub.port())).as(":authority evil.example is misdirected").isEqualTo("421");
        assertThat(curlHttp2("localhost:" + hub.port())).as(":authority localhost is served").isEqualTo("200");
    }

    @Test
    void withAPublisherKeyEveryHostIsServed() {
        try (RunningHub keyed = RunningHub.start(ServerOptions.builder().security(Tokens.security()).build())) {
            RawHttp.Answer answer = RawHttp.exchange(keyed.port(), "GET", "/healthz",
                    Map.of("Host", "herald.example.com"), null);

            assertThat(answer.status()).as("a hub with keys is meant to be reached by any name").isEqualTo(200);
        }
    }

    private RawHttp.Answer get(String path, String host) {
        Map<String, String> headers = new HashMap<>();
        headers.put("Host", host);
        return RawHttp.exchange(hub.port(), "GET", path, headers, null);
    }

    private String rawStatus(String request) {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", hub.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            return response.substring(0, response.indexOf("\r\n"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** curl over HTTP/2 by prior knowledge: its {@code Host} option becomes the {@code :authority}. */
    private String curlHttp2(String authority) throws Exception {
        Process curl = new ProcessBuilder("curl", "-s", "-o", "/dev/null", "--http2-prior-knowledge", "-H", "Host: " + authority,
                "-w", "%{http_version} %{http_code}", "http://127.0.0.1:" + hub.port() + "/healthz").start();
        assertThat(curl.waitFor(10, TimeUnit.SECONDS)).as("curl finished").isTrue();
        String out = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(out).as("curl spoke HTTP/2").startsWith("2 ");
        return out.substring(2);
    }
}
