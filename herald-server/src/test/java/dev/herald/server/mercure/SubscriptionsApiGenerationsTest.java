package dev.herald.server.mercure;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.server.ServerOptions;
import dev.herald.server.support.AccessTokens;
import dev.herald.server.support.MercureClient;
import dev.herald.server.support.RunningHub;
import dev.herald.server.support.SseRecorder;
import dev.herald.server.support.Tokens;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Both generations' subscriptions APIs on one hub, over the same subscriptions: a path only one
 * generation has is answered in that generation's shape whatever the token; the paths both have (none,
 * or two segments) in the shape of the reader token's generation.
 */
class SubscriptionsApiGenerationsTest {

    private static final String COLLECTION = "/.well-known/mercure/subscriptions";
    private static final String TOPIC = "https://example.com/books/1";

    private final RunningHub hub = RunningHub.start(ServerOptions.builder().security(AccessTokens.security()).build());
    /** Draft-07's reader: a {@code mercure} claim, as deployed clients have. */
    private final String draft07Reader = Tokens.subscriber("*");
    /** Draft-08's reader: an access token ({@code typ: at+jwt}). */
    private final String draft08Reader = AccessTokens.subscriber("*");
    private SseRecorder legacy;
    private SseRecorder modern;

    @BeforeEach
    void subscribeInBothGenerations() {
        legacy = SseRecorder.open(hub.client(), hub.uri(MercureClient.PATH + "?topic=" + MercureClient.encode(TOPIC)),
                Map.of("Authorization", "Bearer " + Tokens.subscriber("x")));
        modern = SseRecorder.open(hub.client(), hub.uri(MercureClient.PATH + "?match=" + MercureClient.encode(TOPIC)),
                Map.of("Authorization", "Bearer " + AccessTokens.subscriber("x")));
        assertThat(legacy.status()).isEqualTo(200);
        assertThat(modern.status()).isEqualTo(200);
    }

    @AfterEach
    void stop() {
        legacy.close();
        modern.close();
        hub.close();
    }

    private HttpResponse<String> get(String path, String token) {
        return hub.request(HttpRequest.newBuilder(hub.uri(path)).header("Authorization", "Bearer " + token).GET().build());
    }

    private static String contentType(HttpResponse<String> response) {
        return response.headers().firstValue("Content-Type").orElseThrow();
    }

    @Test
    void theCollectionIsJsonLdForADraft07TokenAndJsonForAnAccessToken() {
        HttpResponse<String> forDraft07 = get(COLLECTION, draft07Reader);
        HttpResponse<String> forDraft08 = get(COLLECTION, draft08Reader);

        assertThat(contentType(forDraft07)).isEqualTo("application/ld+json");
        assertThat(RunningHub.json(forDraft07.body()).get("type").asText()).isEqualTo("Subscriptions");
        assertThat(forDraft07.headers().firstValue("Link")).as("draft-07's answer is as it was").isEmpty();
        assertThat(contentType(forDraft08)).isEqualTo("application/json");
        assertThat(RunningHub.json(forDraft08.body()).get("type").asText()).isEqualTo("subscriptions");
        assertThat(forDraft08.headers().firstValue("Link")).isPresent();
    }

    @Test
    void bothGenerationsListTheSameSubscriptionsUnderTheSameSubscriberIds() {
        JsonNode asDraft07 = RunningHub.json(get(COLLECTION, draft07Reader).body()).get("subscriptions");
        JsonNode asDraft08 = RunningHub.json(get(COLLECTION, draft08Reader).body()).get("subscriptions");

        assertThat(asDraft07).extracting(node -> node.get("topic").asText()).containsExactly(TOPIC, TOPIC);
        assertThat(asDraft08).extracting(node -> node.get("match_type").asText() + " " + node.get("match").asText())
                .containsExactly("exact " + TOPIC, "exact " + TOPIC);
        assertThat(asDraft08).extracting(node -> node.get("subscriber").asText())
                .containsExactlyElementsOf(asDraft07.findValuesAsText("subscriber"));
    }

    @Test
    void aTwoSegmentPathIsADraft07SubscriptionForADraft07TokenAndADraft08CollectionForAnAccessToken() {
        JsonNode legacyEntry = RunningHub.json(get(COLLECTION, draft07Reader).body()).get("subscriptions").get(0);
        String legacyPath = legacyEntry.get("id").asText();
        String modernCollection = COLLECTION + "/exact/" + UrlEscape.expansion(TOPIC);

        HttpResponse<String> single = get(legacyPath, draft07Reader);
        HttpResponse<String> collection = get(modernCollection, draft08Reader);

        assertThat(RunningHub.json(single.body()).get("type").asText()).isEqualTo("Subscription");
        assertThat(RunningHub.json(single.body()).get("subscriber")).isEqualTo(legacyEntry.get("subscriber"));
        assertThat(RunningHub.json(collection.body()).get("subscriptions")).hasSize(2);
        assertThat(get(modernCollection, draft07Reader).statusCode())
                .as("for a draft-07 token, the same path names the topic \"exact\": no such subscription").isEqualTo(404);
        assertThat(get(legacyPath, draft08Reader).statusCode())
                .as("for an access token, it names a match type that does not exist").isEqualTo(404);
    }

    @Test
    void aOneSegmentPathIsDraft07sWhateverTheToken() {
        HttpResponse<String> response = get(COLLECTION + "/" + UrlEscape.component(TOPIC), draft08Reader);

        assertThat(contentType(response)).isEqualTo("application/ld+json");
        assertThat(RunningHub.json(response.body()).get("subscriptions")).hasSize(2);
    }

    @Test
    void aThreeSegmentPathIsDraft08sWhateverTheToken() {
        String path = RunningHub.json(get(COLLECTION, draft08Reader).body()).get("subscriptions").get(0).get("id").asText();

        HttpResponse<String> response = get(path, draft07Reader);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(contentType(response)).isEqualTo("application/json");
        assertThat(RunningHub.json(response.body()).get("type").asText()).isEqualTo("subscription");
    }
}
