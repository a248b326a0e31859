package dev.herald.server.mercure;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.client.sse.SseEvent;
import dev.herald.server.ServerOptions;
import dev.herald.server.support.MercureClient;
import dev.herald.server.support.RunningHub;
import dev.herald.server.support.SseRecorder;
import dev.herald.server.support.Tokens;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Mercure's authorization rules, one test each, with publisher and subscriber keys configured. */
class MercureAuthorizationTest {

    private static final String BOOK = "https://example.com/books/1";
    private static final String AUTHOR = "https://example.com/authors/1";

    private final RunningHub hub = RunningHub.start(ServerOptions.builder()
            .security(Tokens.security().withPublishOrigins(List.of("https://app.example.com")))
            .activeSubscriptions(false).build());
    private final MercureClient mercure = new MercureClient(hub);

    @AfterEach
    void stop() {
        hub.close();
    }

    private static List<Map.Entry<String, String>> update(String... topics) {
        List<Map.Entry<String, String>> fields = new java.util.ArrayList<>();
        for (String topic : topics) {
            fields.add(entry("topic", topic));
        }
        fields.add(entry("data", "x"));
        return fields;
    }

    private HttpResponse<String> publishWith(Map<String, String> headers, String query) {
        HttpRequest.Builder request = HttpRequest.newBuilder(hub.uri(MercureClient.PATH + query))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(MercureClient.form(update(BOOK))));
        headers.forEach(request::header);
        return hub.request(request.build());
    }

    @Test
    void publishingWithoutATokenAnswers401() {
        assertThat(mercure.publish(null, update(BOOK)).statusCode()).isEqualTo(401);
    }

    @Test
    void publishingWithAForgedTokenAnswers401() {
        String forged = Tokens.sign(Map.of("publish", List.of("*")), null, "another-secret-of-at-least-32-bytes!!");

        assertThat(mercure.publish(forged, update(BOOK)).statusCode()).isEqualTo(401);
    }

    @Test
    void publishingWithAnUnsignedTokenAnswers401() {
        String none = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes())
                + "." + java.util.Base64.getUrlEncoder().withoutPadding()
                        .encodeToString("{\"mercure\":{\"publish\":[\"*\"]}}".getBytes()) + ".";

        assertThat(mercure.publish(none, update(BOOK)).statusCode()).isEqualTo(401);
    }

    @Test
    void publishingToATopicTheTokenDoesNotAllowAnswers403() {
        assertThat(mercure.publish(Tokens.publisher(AUTHOR), update(BOOK)).statusCode()).isEqualTo(403);
    }

    @Test
    void everyTopicOfAnUpdateMustBeAllowedOrNothingIsDispatched() {
        try (SseRecorder stream = mercure.subscribe("*")) {
            HttpResponse<String> refused = mercure.publish(Tokens.publisher(BOOK), update(BOOK, AUTHOR));

            assertThat(refused.statusCode()).as("the alternate topic is not allowed").isEqualTo(403);
            String allowed = mercure.publishOk(Tokens.publisher(BOOK), update(BOOK));
            assertThat(stream.awaitEvents(1)).extracting(SseEvent::lastEventId).containsExactly(allowed);
        }
    }

    @Test
    void aUriTemplatePublishSelectorAllowsItsExpansions() {
        assertThat(mercure.publish(Tokens.publisher("https://example.com/books/{id}"), update(BOOK)).statusCode())
                .isEqualTo(200);
    }

    @Test
    void theHeaderTokenWinsOverTheQueryAndTheCookie() {
        String good = Tokens.publisher("*");
        String bad = "not-a-token";

        assertThat(publishWith(Map.of("Authorization", "Bearer " + bad), "?authorization=" + good).statusCode())
                .as("an invalid header token is used even though the query one is valid").isEqualTo(401);
        assertThat(publishWith(Map.of("Authorization", "Bearer " + good), "?authorization=" + bad).statusCode())
                .isEqualTo(200);
    }

    @Test
    void theQueryTokenWinsOverTheCookie() {
        String good = Tokens.publisher("*");

        assertThat(publishWith(Map.of("Cookie", "mercureAuthorization=" + good), "?authorization=bad").statusCode())
                .isEqualTo(401);
        assertThat(publishWith(Map.of("Cookie", "mercureAuthorization=bad"), "?authorization=" + good).statusCode())
                .isEqualTo(200);
    }

    @Test
    void aCookieAuthorizedPublishFromAnAllowedOriginIsAccepted() {
        Map<String, String> headers = Map.of("Cookie", "mercureAuthorization=" + Tokens.publisher("*"),
                "Origin", "https://app.example.com");

        assertThat(publishWith(headers, "").statusCode()).isEqualTo(200);
    }

    @Test
    void aCookieAuthorizedPublishFromAnotherOriginIsRefused() {
        Map<String, String> headers = Map.of("Cookie", "mercureAuthorization=" + Tokens.publisher("*"),
                "Origin", "https://evil.example.net");

        assertThat(publishWith(headers, "").statusCode()).as("cross-site request forgery").isEqualTo(403);
    }

    @Test
    void aCookieAuthorizedPublishWithoutOriginIsCheckedByReferer() {
        String cookie = "mercureAuthorization=" + Tokens.publisher("*");

        assertThat(publishWith(Map.of("Cookie", cookie, "Referer", "https://app.example.com/page?x=1"), "").statusCode())
                .isEqualTo(200);
        assertThat(publishWith(Map.of("Cookie", cookie), "").statusCode()).isEqualTo(403);
    }

    @Test
    void aPrivateUpdateReachesOnlySubscribersAuthorizedForOneOfItsTopics() {
        try (SseRecorder anonymous = mercure.subscribe("*");
                SseRecorder authorized = mercure.subscribe(Map.of("Authorization", "Bearer " + Tokens.subscriber(AUTHOR)), "*");
                SseRecorder other = mercure.subscribe(Map.of("Authorization", "Bearer " + Tokens.subscriber("https://example.com/other")), "*")) {
            List<Map.Entry<String, String>> fields = new java.util.ArrayList<>(update(BOOK, AUTHOR));
            fields.add(entry("private", "on"));
            String secret = mercure.publishOk(Tokens.publisher("*"), fields);
            String visible = mercure.publishOk(Tokens.publisher("*"), update(BOOK));

            assertThat(authorized.awaitEvents(2)).extracting(SseEvent::lastEventId).containsExactly(secret, visible);
            assertThat(anonymous.awaitEvents(1)).extracting(SseEvent::lastEventId).containsExactly(visible);
            assertThat(other.awaitEvents(1)).extracting(SseEvent::lastEventId).containsExactly(visible);
        }
    }

    @Test
    void aPrivateUpdateIsReplayedOnlyToAuthorizedSubscribers() {
        String before = mercure.publishOk(Tokens.publisher("*"), update(BOOK));
        List<Map.Entry<String, String>> fields = new java.util.ArrayList<>(update(BOOK));
        fields.add(entry("private", "on"));
        String secret = mercure.publishOk(Tokens.publisher("*"), fields);
        String after = mercure.publishOk(Tokens.publisher("*"), update(BOOK));

        try (SseRecorder anonymous = mercure.subscribe(Map.of("Last-Event-ID", before), BOOK);
                SseRecorder authorized = mercure.subscribe(Map.of("Last-Event-ID", before,
                        "Authorization", "Bearer " + Tokens.subscriber(BOOK)), BOOK)) {
            assertThat(authorized.awaitEvents(2)).extracting(SseEvent::lastEventId).containsExactly(secret, after);
            assertThat(anonymous.awaitEvents(1)).extracting(SseEvent::lastEventId).containsExactly(after);
        }
    }

    @Test
    void aSubscriberWithAnInvalidTokenIsRefusedWith401() {
        HttpResponse<String> response = hub.request(HttpRequest.newBuilder(hub.uri(MercureClient.PATH + "?topic=a"))
                .header("Authorization", "Bearer nonsense").GET().build());

        assertThat(response.statusCode()).isEqualTo(401);
    }

    @Test
    void anonymousSubscribersGet401WhenSwitchedOff() {
        try (RunningHub strict = RunningHub.start(ServerOptions.builder()
                .security(Tokens.security().withAnonymousSubscribers(false)).build())) {
            HttpResponse<String> response = strict.request(
                    HttpRequest.newBuilder(strict.uri(MercureClient.PATH + "?topic=a")).GET().build());

            assertThat(response.statusCode()).isEqualTo(401);
            try (SseRecorder stream = new MercureClient(strict)
                    .subscribe(Map.of("Authorization", "Bearer " + Tokens.subscriber("a")), "a")) {
                assertThat(stream.status()).as("a subscriber with a token is served").isEqualTo(200);
            }
        }
    }

    @Test
    void aStreamClosesWhenItsTokenExpires() {
        // exp has whole seconds: one to two seconds from now.
        Instant soon = Instant.now().plusSeconds(2).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        try (SseRecorder stream = mercure.subscribe(
                Map.of("Authorization", "Bearer " + Tokens.subscriberExpiringAt(soon, "*")), "*")) {
            assertThat(stream.status()).isEqualTo(200);
            stream.awaitEnd();
            assertThat(Instant.now()).as("not before the token's expiry").isAfterOrEqualTo(soon.minusMillis(50));
        }
    }

    @Test
    void theDemoSendNeedsAPublisherTokenOnceKeysAreConfigured() {
        assertThat(hub.post("/send", "{\"message\":\"hi\"}").statusCode()).isEqualTo(401);
        HttpResponse<String> response = hub.request(HttpRequest.newBuilder(hub.uri("/send"))
                .header("Authorization", "Bearer " + Tokens.publisher("*"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"message\":\"hi\"}")).build());
        assertThat(response.statusCode()).isEqualTo(200);
    }
}
