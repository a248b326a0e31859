package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.client.sse.SseEvent;
import dev.herald.server.support.BoundRequest;
import dev.herald.server.support.HeraldProcess;
import dev.herald.server.support.HubMetrics;
import dev.herald.server.support.SseRecorder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 13's template flood, on real sockets against a real hub process: streams naming many URI
 * templates from several source addresses hit the per-stream and per-address caps with clear answers,
 * while an honest template subscriber receives every update and publishes keep being answered.
 */
class TemplateFloodTest {

    private static final int STREAMS_PER_ADDRESS = 4;
    private static final int TEMPLATES_PER_STREAM = 8;
    private static final int TEMPLATES_PER_ADDRESS = 16;
    private static final List<String> FLOOD_ADDRESSES = List.of("127.0.0.2", "127.0.0.3", "127.0.0.4", "127.0.0.5");
    /** Room for the first test's flood (4 addresses at their cap) and its honest template: 65. */
    private static final int TEMPLATES_PER_NODE = FLOOD_ADDRESSES.size() * TEMPLATES_PER_ADDRESS + 1;

    private final HeraldProcess hub = HeraldProcess.start("--transport", "memory",
            "--max-streams-per-address", "" + STREAMS_PER_ADDRESS,
            "--max-templates-per-stream", "" + TEMPLATES_PER_STREAM,
            "--max-templates-per-address", "" + TEMPLATES_PER_ADDRESS,
            "--max-templates", "" + TEMPLATES_PER_NODE);
    private final HttpClient client = HttpClient.newHttpClient();
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable each : open) {
            each.close();
        }
        hub.close();
    }

    @Test
    void aTemplateFloodFromSeveralAddressesHitsTheCapsWhileAnHonestSubscriberGetsEveryUpdate() throws Exception {
        SseRecorder honest = SseRecorder.open(client,
                hub.uri("/.well-known/mercure?topic=" + encode("https://herald.local/{name}")), Map.of());
        open.add(honest);
        for (String address : FLOOD_ADDRESSES) {
            assertThat(flood(address, 0, TEMPLATES_PER_STREAM).status()).as("a first stream at the cap is served").isEqualTo(200);
            assertThat(flood(address, 1, TEMPLATES_PER_STREAM).status()).as("a second one fills the address's cap").isEqualTo(200);

            BoundRequest beyondAddressCap = flood(address, 2, TEMPLATES_PER_STREAM);
            assertThat(beyondAddressCap.status()).as("a third set of templates is beyond the address's cap").isEqualTo(429);
            assertThat(beyondAddressCap.header("Retry-After")).isEqualTo("5");
            assertThat(beyondAddressCap.body()).contains("--max-templates-per-address");

            BoundRequest beyondStreamCap = flood(address, 3, TEMPLATES_PER_STREAM + 1);
            assertThat(beyondStreamCap.status()).as("more templates than one stream may name").isEqualTo(400);
            assertThat(beyondStreamCap.body()).contains("at most " + TEMPLATES_PER_STREAM + " per stream");
        }

        List<String> published = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            published.add(HeraldProcess.idOf(send("update " + i)));
        }

        assertThat(honest.awaitEvents(50)).extracting(SseEvent::lastEventId)
                .as("the honest subscriber received every update, in order, none lost")
                .containsExactlyElementsOf(published);
    }

    @Test
    void aFloodFromMoreAddressesThanTheNodeHasRoomForGets503WhileExactTopicsStillGetIn() {
        int fitting = TEMPLATES_PER_NODE / TEMPLATES_PER_STREAM;
        for (int i = 0; i < fitting; i++) {
            assertThat(flood("127.0.1." + i, 0, TEMPLATES_PER_STREAM).status()).as("within the node's cap").isEqualTo(200);
        }

        BoundRequest beyondNodeCap = flood("127.0.1." + fitting, 0, TEMPLATES_PER_STREAM);

        assertThat(beyondNodeCap.status()).as("a fresh address, but the node holds its maximum of templates").isEqualTo(503);
        assertThat(beyondNodeCap.header("Retry-After")).isEqualTo("5");
        assertThat(beyondNodeCap.body()).contains("(--max-templates)");
        assertThat(HubMetrics.value(hub, "herald_streams_refused_total{reason=\"node_templates\"}"))
                .as("the operator sees the refusal counted by its limit").isEqualTo(1.0);
        assertThat(exact("127.0.1." + fitting).status()).as("exact topics do not count against it").isEqualTo(200);
    }

    @Test
    void theStreamBeyondAnAddressesLimitGets429WhileAnotherAddressStillGetsIn() {
        for (int i = 0; i < STREAMS_PER_ADDRESS; i++) {
            assertThat(exact("127.0.0.2").status()).isEqualTo(200);
        }

        BoundRequest refused = exact("127.0.0.2");

        assertThat(refused.status()).as("the address already holds its streams").isEqualTo(429);
        assertThat(refused.header("Retry-After")).isEqualTo("5");
        assertThat(refused.body()).contains("maximum of " + STREAMS_PER_ADDRESS + " streams (--max-streams-per-address)");
        assertThat(exact("127.0.0.3").status()).as("another address still gets a stream").isEqualTo(200);
    }

    /**
     * A stream naming {@code count} templates of its own: half start with an expression and have no
     * literal at either end (tried for every topic, and slow to fail), half share the honest prefix.
     */
    private BoundRequest flood(String address, int stream, int count) {
        StringBuilder query = new StringBuilder("/.well-known/mercure?");
        for (int i = 0; i < count; i++) {
            String name = "v" + address.replace('.', '_') + "_" + stream + "_" + i;
            String template = i % 2 == 0 ? "{" + name + "}{b}{c}{d}{e}{f}{g}{h}" : "https://herald.local/{" + name + "}/x";
            query.append(i == 0 ? "" : "&").append("topic=").append(encode(template));
        }
        return keep(BoundRequest.get(address, hub.uri("/"), query.toString()));
    }

    private BoundRequest exact(String address) {
        return keep(BoundRequest.get(address, hub.uri("/"), "/.well-known/mercure?topic=" + encode("https://example.com/x")));
    }

    private BoundRequest keep(BoundRequest request) {
        open.add(request);
        return request;
    }

    /** Publishes through the demo API; an answer slower than two seconds fails the test. */
    private HttpResponse<String> send(String message) throws Exception {
        String body = "{\"message\":\"" + message + "\"}";
        return client.send(java.net.http.HttpRequest.newBuilder(hub.uri("/send"))
                .timeout(java.time.Duration.ofSeconds(2))
                .header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
