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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Draft-08 payloads: each subscription of a stream is listed with the payload of the first
 * {@code subscribe} detail of its token that grants its selector.
 */
class AccessTokenPayloadTest {

    private static final String BOOK = "https://example.com/books/1";
    private static final String AUTHOR = "https://example.com/authors/1";

    private static Map<String, Object> withPayload(Map<String, Object> detail, Map<String, Object> payload) {
        Map<String, Object> copy = new LinkedHashMap<>(detail);
        copy.put("payload", payload);
        return copy;
    }

    @Test
    void eachSubscriptionIsListedWithThePayloadOfTheFirstDetailGrantingIt() {
        String token = AccessTokens.token(AccessTokens.YEAR_2100,
                withPayload(AccessTokens.grant(List.of("subscribe"), BOOK), Map.of("custom1", "book")),
                withPayload(AccessTokens.grant(List.of("subscribe"), "*"), Map.of("custom3", "default")));
        try (RunningHub hub = RunningHub.start(ServerOptions.builder().security(AccessTokens.security()).build());
                SseRecorder subscriber = new MercureClient(hub).subscribe(Map.of("Authorization", "Bearer " + token),
                        BOOK, AUTHOR)) {
            assertThat(subscriber.status()).isEqualTo(200);
            JsonNode listing = RunningHub.json(hub.request(HttpRequest.newBuilder(hub.uri("/.well-known/mercure/subscriptions"))
                    .header("Authorization", "Bearer " + Tokens.subscriber("/.well-known/mercure/subscriptions{/topic}{/subscriber}"))
                    .GET().build()).body());

            Map<String, String> payloadByTopic = new HashMap<>();
            listing.get("subscriptions").forEach(entry ->
                    payloadByTopic.put(entry.get("topic").asText(), entry.get("payload").toString()));
            assertThat(payloadByTopic).as("the specific detail for the book, the * detail as the default")
                    .containsExactlyInAnyOrderEntriesOf(Map.of(BOOK, "{\"custom1\":\"book\"}", AUTHOR, "{\"custom3\":\"default\"}"));
        }
    }
}
