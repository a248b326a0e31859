package dev.herald.server.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.herald.client.sse.SseEvent;
import dev.herald.server.AdminListen;
import dev.herald.server.ConnectionOptions;
import dev.herald.server.HeraldServer;
import dev.herald.server.ServerOptions;
import dev.herald.server.StartupException;
import dev.herald.server.support.PrometheusText;
import dev.herald.server.support.RawHttp;
import dev.herald.server.support.RunningHub;
import dev.herald.server.support.SseRecorder;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code --admin-listen} on real sockets: metrics, health and the dashboard on an address of their
 * own, {@code /metrics} gone from the public port, the dashboard's test publish and its bounds, and
 * a stats stream that never enters the history.
 */
class AdminListenerTest {

    private static final String TOPIC = "https://example.com/admin-test";
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final RunningHub hub = RunningHub.start(ServerOptions.builder()
            .admin(Optional.of(AdminListen.loopback(0))).build());

    @AfterEach
    void stop() {
        hub.close();
    }

    @Test
    void theAdminListenerServesMetricsHealthReadinessAndTheDashboard() {
        HttpResponse<String> metrics = admin("/metrics");
        assertThat(metrics.statusCode()).as("metrics answer on the admin port").isEqualTo(200);
        assertThat(metrics.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
        assertThat(PrometheusText.samples(metrics.body())).as("the same metrics as ever")
                .containsKey("herald_updates_published_total");
        assertThat(admin("/healthz").body()).as("liveness").isEqualTo("ok\n");
        assertThat(admin("/readyz").body()).as("readiness").isEqualTo("ready\n");
        HttpResponse<String> page = admin("/dashboard");
        assertThat(page.statusCode()).as("the dashboard page").isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(admin("/dashboard/uPlot.iife.min.js").statusCode()).as("uPlot is served from the jar").isEqualTo(200);
    }

    @Test
    void metricsLeaveThePublicPortWhileHealthAndReadinessStayForLoadBalancers() {
        assertThat(publicGet("/metrics").statusCode()).as("no metrics on the public port").isEqualTo(404);
        assertThat(publicGet("/dashboard").statusCode()).as("no dashboard on the public port").isEqualTo(404);
        assertThat(publicGet("/healthz").statusCode()).as("liveness stays public").isEqualTo(200);
        assertThat(publicGet("/readyz").statusCode()).as("readiness stays public").isEqualTo(200);
    }

    @Test
    void withoutAnAdminListenerMetricsStayOnThePublicPort() {
        try (RunningHub plain = RunningHub.start()) {
            assertThat(plain.server().adminAddress()).as("no admin listener unless asked").isEmpty();
            assertThat(plain.request(HttpRequest.newBuilder(plain.uri("/metrics")).build()).statusCode())
                    .as("metrics on the public port, as before").isEqualTo(200);
        }
    }

    @Test
    void anAdminAddressAlreadyInUseIsAStartupErrorNamingTheOption() {
        ServerOptions clash = ServerOptions.builder().port(0)
                .admin(Optional.of(AdminListen.loopback(adminPort()))).build();

        assertThatThrownBy(() -> HeraldServer.start(clash))
                .isInstanceOf(StartupException.class)
                .hasMessageStartingWith("cannot listen for --admin-listen on 127.0.0.1:" + adminPort() + ": ");
    }

    @Test
    void aLoopbackAdminListenerRefusesAForeignHostName() {
        RawHttp.Answer answer = RawHttp.exchange(adminPort(), "GET", "/metrics", Map.of("Host", "rebound.example"), null);

        assertThat(answer.status()).as("a page of another site rebound to 127.0.0.1 cannot read the metrics")
                .isEqualTo(421);
    }

    @Test
    void theDashboardsTestPublishReachesSubscribersOfThePublicPort() {
        try (SseRecorder subscriber = SseRecorder.open(hub.client(),
                hub.uri("/.well-known/mercure?topic=" + TOPIC), Map.of())) {
            HttpResponse<String> published = adminPost("/dashboard/publish", "application/json",
                    "{\"topic\": \"" + TOPIC + "\", \"data\": \"from the dashboard\"}");

            assertThat(published.statusCode()).as("the hub took it: %s", published.body()).isEqualTo(200);
            assertThat(subscriber.awaitEvents(1)).extracting(SseEvent::data).as("the subscriber got it")
                    .containsExactly("from the dashboard");
        }
    }

    @Test
    void anAdminListenerBeyondLoopbackServesMetricsButRefusesTheTestPublish() {
        try (RunningHub exposed = RunningHub.start(ServerOptions.builder()
                .admin(Optional.of(new AdminListen("0.0.0.0", 0))).build())) {
            int port = exposed.server().adminAddress().orElseThrow().getPort();

            RawHttp.Answer metrics = RawHttp.exchange(port, "GET", "/metrics", Map.of("Host", "herald.example:" + port), null);
            RawHttp.Answer publish = RawHttp.exchange(port, "POST", "/dashboard/publish",
                    Map.of("Host", "herald.example:" + port, "Content-Type", "application/json"),
                    "{\"topic\": \"" + TOPIC + "\", \"data\": \"x\"}");

            assertThat(metrics.status()).as("an address of its own, any host name: metrics answer").isEqualTo(200);
            assertThat(publish.status()).as("no token is asked there, so no publish").isEqualTo(403);
            assertThat(publish.body())
                    .isEqualTo("{\"error\":\"the dashboard publishes only when the admin listener is on loopback\"}");
        }
    }

    @Test
    void theStatsStreamDoesNotAnswerHead() {
        RawHttp.Answer answer = RawHttp.exchange(adminPort(), "HEAD", "/dashboard/stats", Map.of("Host", "127.0.0.1"), null);

        assertThat(answer.status()).as("a HEAD would open a stream that never ends").isEqualTo(405);
    }

    @Test
    void aTestPublishThatIsNotJsonIsRefusedWith415() {
        HttpResponse<String> refused = adminPost("/dashboard/publish", "application/x-www-form-urlencoded",
                "topic=" + TOPIC + "&data=x");

        assertThat(refused.statusCode()).as("a form (which any site can post) is refused").isEqualTo(415);
        assertThat(refused.body()).isEqualTo("{\"error\":\"send application/json\"}");
    }

    @Test
    void aTestPublishAnnouncingMoreThanTheAdminBodyLimitIsRefusedWith413() throws Exception {
        try (Socket socket = RawHttp.connect(adminUri("/"), "127.0.0.1")) {
            // Only the head: the hub must refuse on the announced length, before reading 64 KiB.
            RawHttp.write(socket, "POST /dashboard/publish HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 65537\r\n\r\n");

            String answer = RawHttp.readUntilClosed(socket, WAIT);

            assertThat(RawHttp.statusLine(answer)).isEqualTo("HTTP/1.1 413 Request Entity Too Large");
            assertThat(RawHttp.body(answer)).isEqualTo("{\"error\":\"request body is larger than 65536 bytes\"}");
        }
    }

    @Test
    void aSubscriptionFilterLongerThan200CharactersIsRefusedWith400() {
        HttpResponse<String> refused = admin("/dashboard/subscriptions?filter=" + "a".repeat(201));

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).isEqualTo("{\"error\":\"the filter is longer than 200 characters\"}");
    }

    @Test
    void statsPointsCountWhatIsPublished() {
        try (SseRecorder stats = SseRecorder.open(hub.client(), adminUri("/dashboard/stats"), Map.of())) {
            assertThat(stats.status()).isEqualTo(200);
            hub.send("one");
            hub.send("two");
            hub.send("three");

            await("a point counting the three updates").atMost(WAIT).until(() -> stats.events().stream()
                    .anyMatch(event -> RunningHub.json(event.data()).get("publishedTotal").asLong() == 3));
        }
    }

    @Test
    void theStatsStreamOutlivesTheIdleTimeout() {
        Duration idle = Duration.ofSeconds(1);
        try (RunningHub impatient = RunningHub.start(ServerOptions.builder()
                .connections(ConnectionOptions.defaults().withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(30), idle))
                .admin(Optional.of(AdminListen.loopback(0))).build());
                SseRecorder stats = SseRecorder.open(impatient.client(), URI.create("http://127.0.0.1:"
                        + impatient.server().adminAddress().orElseThrow().getPort() + "/dashboard/stats"), Map.of())) {

            stats.awaitEvents(4);

            assertThat(stats.ended()).as("four points, one a second, on a listener that closes idle connections "
                    + "after %s: the stream is exempt, like the hub's own streams", idle).isFalse();
        }
    }

    @Test
    void theStatsStreamIsNeverInTheHistory() {
        try (SseRecorder stats = SseRecorder.open(hub.client(), adminUri("/dashboard/stats"), Map.of())) {
            stats.awaitEvents(2);
            String marker = hub.send("after two stats points");

            try (SseRecorder replay = SseRecorder.open(hub.client(),
                    hub.uri("/.well-known/mercure?topic=*&lastEventID=earliest"), Map.of())) {
                List<SseEvent> first = replay.awaitEvents(1);

                assertThat(first).extracting(SseEvent::lastEventId)
                        .as("the replay from the earliest update starts with the published one: no stats point before it")
                        .containsExactly(marker);
            }
        }
    }

    private int adminPort() {
        return hub.server().adminAddress().orElseThrow().getPort();
    }

    private URI adminUri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + adminPort() + pathAndQuery);
    }

    private HttpResponse<String> admin(String pathAndQuery) {
        return hub.request(HttpRequest.newBuilder(adminUri(pathAndQuery)).GET().build());
    }

    private HttpResponse<String> adminPost(String path, String contentType, String body) {
        return hub.request(HttpRequest.newBuilder(adminUri(path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private HttpResponse<String> publicGet(String path) {
        return hub.request(HttpRequest.newBuilder(hub.uri(path)).GET().build());
    }
}
