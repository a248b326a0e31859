package dev.herald.server.mercure;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.herald.core.IdempotencyOptions;
import dev.herald.server.ServerOptions;
import dev.herald.server.support.MercureClient;
import dev.herald.server.support.RunningHub;
import dev.herald.server.support.SseRecorder;
import dev.herald.server.support.Tokens;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The {@code Idempotency-Key} header on both publish APIs, on real sockets: a retry is answered with the
 * first attempt's id and stores nothing; the key on another request is a 422; keys are per publisher.
 */
class PublishIdempotencyTest {

    private static final String TOPIC = "https://example.com/orders/1";
    private static final String KEY = "8e03978e-40d5-43e8-bc93-6894a57f9324";
    private static final List<Map.Entry<String, String>> PAID = List.of(entry("topic", TOPIC), entry("data", "paid"));

    private RunningHub hub = start(IdempotencyOptions.defaults());
    private final ObjectMapper json = new ObjectMapper();

    @AfterEach
    void stop() {
        hub.close();
    }

    @Test
    void aRetryGetsTheFirstIdAndSubscribersSeeTheUpdateOnce() {
        try (SseRecorder stream = new MercureClient(hub).subscribe(TOPIC)) {
            HttpResponse<String> first = publish(alice(), KEY, PAID);
            HttpResponse<String> retry = publish(alice(), KEY, PAID);
            String marker = publish(alice(), "marker", List.of(entry("topic", TOPIC), entry("data", "m"))).body();

            assertThat(retry.statusCode()).isEqualTo(200);
            assertThat(retry.body()).as("the retry is answered with the first attempt's body").isEqualTo(first.body());
            assertThat(stream.awaitEvents(2)).extracting(event -> event.lastEventId())
                    .as("the subscriber received the update once, then the marker").containsExactly(first.body(), marker);
        }
    }

    @Test
    void theSameKeyOnAnotherUpdateIs422() {
        publish(alice(), KEY, PAID);

        HttpResponse<String> other = publish(alice(), KEY, List.of(entry("topic", TOPIC), entry("data", "refunded")));

        assertThat(other.statusCode()).isEqualTo(422);
        assertThat(other.body()).contains("Idempotency-Key");
    }

    @Test
    void anotherPublisherWithTheSameKeyPublishesItsOwnUpdate() {
        String first = publish(alice(), KEY, PAID).body();

        HttpResponse<String> other = publish(publisherToken("bob"), KEY, PAID);

        assertThat(other.statusCode()).isEqualTo(200);
        assertThat(other.body()).as("keys are scoped per publisher (the token's sub)").isNotEqualTo(first);
    }

    @Test
    void aRefreshedTokenOfTheSamePublisherKeepsItsKeys() {
        String first = publish(alice(), KEY, PAID).body();

        String retry = publish(publisherToken("alice", "another-claim"), KEY, PAID).body();

        assertThat(retry).as("the scope is the subject, not the token").isEqualTo(first);
    }

    @Test
    void aKeyAsAStructuredFieldStringIsTheSameKey() {
        String first = publish(alice(), KEY, PAID).body();

        assertThat(publish(alice(), "\"" + KEY + "\"", PAID).body()).isEqualTo(first);
    }

    @Test
    void aKeyOutOfBoundsIs400() {
        assertThat(publish(alice(), "x".repeat(256), PAID).statusCode()).isEqualTo(400);
        assertThat(publish(alice(), "\"\"", PAID).statusCode()).isEqualTo(400);
    }

    @Test
    void afterTheWindowTheSameKeyPublishesAgain() {
        hub.close();
        hub = start(new IdempotencyOptions(Duration.ofMillis(100), 100));
        String first = publish(alice(), KEY, PAID).body();

        // Within the window a retry stores nothing, so polling is harmless: the first new id ends it.
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .until(() -> !publish(alice(), KEY, PAID).body().equals(first));
    }

    @Test
    void theDemoSendAnswersARetryWithTheFirstBody() throws Exception {
        HttpResponse<String> first = send(alice(), KEY, "hello");
        HttpResponse<String> retry = send(alice(), KEY, "hello");

        assertThat(retry.statusCode()).isEqualTo(200);
        JsonNode body = json.readTree(retry.body());
        assertThat(body.get("id").asText()).as("the retry gets the first attempt's id")
                .isEqualTo(json.readTree(first.body()).get("id").asText());
        assertThat(body.get("status").asText()).isEqualTo("sent");
    }

    @Test
    void theDemoSendWithTheSameKeyOnAnotherMessageIs422() {
        send(alice(), KEY, "hello");

        assertThat(send(alice(), KEY, "goodbye").statusCode()).isEqualTo(422);
    }

    private static RunningHub start(IdempotencyOptions idempotency) {
        return RunningHub.start(ServerOptions.builder().security(Tokens.security()).idempotency(idempotency).build());
    }

    private static String alice() {
        return publisherToken("alice");
    }

    /** A draft-07 publisher token allowed everything, with a subject (and, to tell tokens apart, a claim). */
    private static String publisherToken(String subject, String... extra) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().subject(subject)
                .claim("mercure", Map.of("publish", List.of("*")));
        for (String claim : extra) {
            claims.claim(claim, true);
        }
        SignedJWT jwt = new SignedJWT(
                new JWSHeader(JWSAlgorithm.HS256), claims.build());
        try {
            jwt.sign(new MACSigner(Tokens.SECRET));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    private HttpResponse<String> publish(String token, String key, List<Map.Entry<String, String>> fields) {
        return hub.request(HttpRequest.newBuilder(hub.uri(MercureClient.PATH))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", "Bearer " + token)
                .header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(MercureClient.form(fields))).build());
    }

    private HttpResponse<String> send(String token, String key, String message) {
        return hub.request(HttpRequest.newBuilder(hub.uri("/send"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString("{\"message\":\"" + message + "\"}")).build());
    }
}
