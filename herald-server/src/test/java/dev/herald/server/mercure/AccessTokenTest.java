package dev.herald.server.mercure;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.client.sse.SseEvent;
import dev.herald.server.ServerOptions;
import dev.herald.server.support.AccessTokens;
import dev.herald.server.support.MercureClient;
import dev.herald.server.support.RunningHub;
import dev.herald.server.support.SseRecorder;
import dev.herald.server.support.Tokens;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Draft-08 access tokens beside draft-07 tokens on one hub, started as the acceptance case:
 * public URL and issuer {@code https://localhost}, the documentation's HS256 secret, on a loopback port
 * that is not the public URL's.
 */
class AccessTokenTest {

    private static final String BOOK = "https://example.com/books/1";
    private static final String AUTHOR = "https://example.com/authors/1";

    private final RunningHub hub = RunningHub.start(ServerOptions.builder()
            .security(AccessTokens.security().withPublishOrigins(List.of("https://app.example.com")))
            .activeSubscriptions(false).build());
    private final MercureClient mercure = new MercureClient(hub);

    @AfterEach
    void stop() {
        hub.close();
    }

    private static List<Map.Entry<String, String>> update(boolean privateUpdate, String... topics) {
        List<Map.Entry<String, String>> fields = new ArrayList<>();
        for (String topic : topics) {
            fields.add(entry("topic", topic));
        }
        fields.add(entry("data", "x"));
        if (privateUpdate) {
            fields.add(entry("private", "on"));
        }
        return fields;
    }

    private static Map<String, String> bearer(String token) {
        return Map.of("Authorization", "Bearer " + token);
    }

    @Test
    void theAcceptanceTokenPublishesAndSubscribesWithoutSubJtiOrIat() {
        String token = AccessTokens.token(AccessTokens.YEAR_2100,
                AccessTokens.grant(List.of("publish", "subscribe"), "*"));

        try (SseRecorder stream = mercure.subscribe(bearer(token), "*")) {
            String id = mercure.publishOk(token, update(true, BOOK));

            assertThat(stream.awaitEvents(1)).extracting(SseEvent::lastEventId)
                    .as("the private update reaches the token's bearer").containsExactly(id);
        }
    }

    @Test
    void aDraft07TokenSignedWithTheSameKeyStillPublishes() {
        assertThat(mercure.publish(Tokens.publisher("*"), update(false, BOOK)).statusCode()).isEqualTo(200);
    }

    @Test
    void aPublisherNeedsAGrantOnEveryTopicOfTheUpdate() {
        try (SseRecorder stream = mercure.subscribe("*")) {
            HttpResponse<String> refused = mercure.publish(AccessTokens.publisher(BOOK), update(false, BOOK, AUTHOR));

            assertThat(refused.statusCode()).as("the alternate topic has no grant").isEqualTo(403);
            assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValue(
                    "Bearer error=\"insufficient_scope\", resource_metadata=\"" + AccessTokens.METADATA + "\"");
            String allowed = mercure.publishOk(AccessTokens.publisher(BOOK), update(false, BOOK));
            assertThat(stream.awaitEvents(1)).extracting(SseEvent::lastEventId)
                    .as("nothing of the refused update was dispatched").containsExactly(allowed);
        }
    }

    @Test
    void anExactGrantIsNotATemplate() {
        assertThat(mercure.publish(AccessTokens.publisher("https://example.com/books/{id}"), update(false, BOOK))
                .statusCode()).isEqualTo(403);
    }

    @Test
    void aUrlPatternGrantAllowsExactlyTheTopicsItsPatternMatches() {
        String token = AccessTokens.token(AccessTokens.YEAR_2100, AccessTokens.detail(List.of("publish"),
                List.of(Map.of("match", "https://example.com/books/:id", "match_type", "urlpattern"))));

        assertThat(mercure.publish(token, update(false, BOOK)).statusCode()).isEqualTo(200);
        assertThat(mercure.publish(token, update(false, BOOK + "/reviews")).statusCode())
                .as("one path segment only, as the pattern says").isEqualTo(403);
    }

    @Test
    void unknownActionsAreIgnored() {
        String token = AccessTokens.token(AccessTokens.YEAR_2100,
                AccessTokens.grant(List.of("publish", "teleport"), "*"));

        assertThat(mercure.publish(token, update(false, BOOK)).statusCode()).isEqualTo(200);
    }

    @Test
    void aSubscriberNeedsAGrantOnOneTopicOfAPrivateUpdate() {
        try (SseRecorder authorized = mercure.subscribe(bearer(AccessTokens.subscriber(AUTHOR)), "*");
                SseRecorder other = mercure.subscribe(bearer(AccessTokens.subscriber("https://example.com/other")), "*")) {
            String secret = mercure.publishOk(AccessTokens.publisher("*"), update(true, BOOK, AUTHOR));
            String visible = mercure.publishOk(AccessTokens.publisher("*"), update(false, BOOK));

            assertThat(authorized.awaitEvents(2)).extracting(SseEvent::lastEventId)
                    .as("a grant on the alternate topic suffices").containsExactly(secret, visible);
            assertThat(other.awaitEvents(1)).extracting(SseEvent::lastEventId)
                    .as("no grant on any topic: the public update only").containsExactly(visible);
        }
    }

    @Test
    void theAccessTokenCookieAuthorizesASubscriber() {
        Map<String, String> cookie = Map.of("Cookie", "__Secure-mercure_access_token=" + AccessTokens.subscriber("*"));

        try (SseRecorder stream = mercure.subscribe(cookie, "*")) {
            String secret = mercure.publishOk(AccessTokens.publisher("*"), update(true, BOOK));

            assertThat(stream.awaitEvents(1)).extracting(SseEvent::lastEventId).containsExactly(secret);
        }
    }

    @Test
    void theAuthorizationHeaderWinsOverTheAccessTokenCookie() {
        Map<String, String> headers = Map.of("Authorization", "Bearer not-a-token",
                "Cookie", "__Secure-mercure_access_token=" + AccessTokens.subscriber("*"));

        try (SseRecorder stream = mercure.subscribe(headers, "*")) {
            assertThat(stream.status()).as("the invalid header token is used, the cookie ignored").isEqualTo(401);
        }
    }

    @Test
    void aCookieAuthorizedPublishFromAnotherOriginIsRefused() {
        HttpResponse<String> response = hub.request(HttpRequest.newBuilder(hub.uri(MercureClient.PATH))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Cookie", "__Secure-mercure_access_token=" + AccessTokens.publisher("*"))
                .header("Origin", "https://evil.example.net")
                .POST(HttpRequest.BodyPublishers.ofString(MercureClient.form(update(false, BOOK)))).build());

        assertThat(response.statusCode()).as("cross-site request forgery").isEqualTo(403);
    }

    @Test
    void aDraft07TokenInTheUrlStillWorks() {
        HttpResponse<String> response = hub.request(HttpRequest.newBuilder(
                        hub.uri(MercureClient.PATH + "?authorization=" + Tokens.publisher("*")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(MercureClient.form(update(false, BOOK)))).build());

        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void aStreamClosesAtItsAccessTokensExpiry() {
        // exp has whole seconds: one to two seconds from now.
        Instant soon = Instant.now().plusSeconds(2).truncatedTo(ChronoUnit.SECONDS);
        String token = AccessTokens.token(soon, AccessTokens.grant(List.of("subscribe"), "*"));

        try (SseRecorder stream = mercure.subscribe(bearer(token), "*")) {
            assertThat(stream.status()).isEqualTo(200);
            stream.awaitEnd();
            assertThat(Instant.now()).as("not before the token's expiry").isAfterOrEqualTo(soon.minusMillis(50));
        }
    }
}
