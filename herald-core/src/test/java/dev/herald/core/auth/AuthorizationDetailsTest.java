package dev.herald.core.auth;

import static dev.herald.core.auth.AccessTokens.detail;
import static dev.herald.core.auth.AccessTokens.exact;
import static dev.herald.core.auth.AccessTokens.matcher;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.core.TopicSelector;
import dev.herald.core.Update;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code authorization_details} claim of draft-08 access tokens, one rule per test. */
class AuthorizationDetailsTest {

    private static final Instant EXPIRY = Instant.parse("2030-01-01T01:00:00Z");
    private static final String BOOK = "https://example.com/books/1";
    private static final String AUTHOR = "https://example.com/authors/1";

    private static Claims read(Object details) {
        return AuthorizationDetails.read(details, EXPIRY, UrlPatternGrants.NOT_SUPPORTED_YET);
    }

    private static void assertRefused(Object details, String because) {
        assertThatThrownBy(() -> read(details)).as(because).isInstanceOf(InvalidTokenException.class)
                .extracting(e -> ((InvalidTokenException) e).reason()).isEqualTo(InvalidTokenException.Reason.MALFORMED);
    }

    private static Update update(String... topics) {
        return new Update(null, List.of(topics), "x", false, null, null);
    }

    @Test
    void aPublisherNeedsAGrantOnEveryTopicOfTheUpdate() {
        Claims claims = read(List.of(detail(List.of("publish"), List.of(exact(BOOK)))));

        assertThat(claims.canPublish(update(BOOK))).as("the one topic is granted").isTrue();
        assertThat(claims.canPublish(update(BOOK, AUTHOR))).as("the alternate topic is not granted").isFalse();
    }

    @Test
    void aSubscriberNeedsAGrantOnOneTopicOfTheUpdate() {
        Claims claims = read(List.of(detail(List.of("subscribe"), List.of(exact(AUTHOR)))));

        assertThat(claims.subscription(List.of(TopicSelector.parse("*"))).accepts(
                new Update(null, List.of(BOOK, AUTHOR), "x", true, null, null)))
                .as("a private update with one granted topic is delivered").isTrue();
        assertThat(claims.subscription(List.of(TopicSelector.parse("*"))).accepts(
                new Update(null, List.of(BOOK), "x", true, null, null)))
                .as("a private update with no granted topic is not").isFalse();
    }

    @Test
    void anExactGrantIsComparedByteForByteAndNeverReadAsATemplate() {
        Claims claims = read(List.of(detail(List.of("publish"), List.of(exact("https://example.com/books/{id}")))));

        assertThat(claims.canPublish(update(BOOK))).isFalse();
        assertThat(claims.canPublish(update("https://example.com/books/{id}"))).isTrue();
    }

    @Test
    void theWildcardGrantsEveryTopicWhateverItsMatchType() {
        Claims claims = read(List.of(detail(List.of("publish"), List.of(matcher("*", "exact")))));

        assertThat(claims.canPublish(update(BOOK, AUTHOR))).isTrue();
    }

    @Test
    void unknownActionsAreIgnored() {
        Claims claims = read(List.of(detail(List.of("publish", "teleport"), List.of(exact(BOOK)))));

        assertThat(claims.canPublish(update(BOOK))).isTrue();
        assertThat(claims.subscribe()).isEmpty();
    }

    @Test
    void aDetailWithOnlyUnknownActionsGrantsNothing() {
        Claims claims = read(List.of(detail(List.of("teleport"), List.of(exact("*")))));

        assertThat(claims.publish()).isEmpty();
        assertThat(claims.subscribe()).isEmpty();
    }

    @Test
    void detailsOfAnotherTypeGrantNothingHere() {
        Claims claims = read(List.of(Map.of("type", "https://example.com/payments", "actions", List.of("publish"),
                "topics", List.of(exact("*")))));

        assertThat(claims.publish()).isEmpty();
    }

    @Test
    void noAuthorizationDetailsGrantNothing() {
        assertThat(read(null).publish()).isEmpty();
        assertThat(read(null).subscribe()).isEmpty();
    }

    @Test
    void anUnknownMatchTypeRefusesTheWholeToken() {
        assertRefused(List.of(detail(List.of("publish"), List.of(exact("*"))),
                detail(List.of("publish"), List.of(matcher(BOOK, "regexp")))), "an unknown match_type");
    }

    @Test
    void aUrlPatternGrantIsRefusedUntilTheMatcherIsConnected() {
        assertThatThrownBy(() -> read(List.of(detail(List.of("subscribe"),
                List.of(matcher("https://example.com/books/:id", "urlpattern"))))))
                .isInstanceOf(InvalidTokenException.class)
                .hasMessage("malformed token: urlpattern grants are not supported by this hub yet");
    }

    @Test
    void aUrlPatternGrantGoesThroughTheMatcherSeam() {
        UrlPatternGrants prefixes = pattern -> new TopicSelector.Exact(pattern.replace(":id", "1"));

        Claims claims = AuthorizationDetails.read(List.of(detail(List.of("publish"),
                List.of(matcher("https://example.com/books/:id", "urlpattern")))), EXPIRY, prefixes);

        assertThat(claims.canPublish(update(BOOK))).isTrue();
    }

    @Test
    void anInvalidUrlPatternRefusesTheToken() {
        UrlPatternGrants refusing = pattern -> {
            throw new IllegalArgumentException("bad pattern");
        };

        assertThatThrownBy(() -> AuthorizationDetails.read(List.of(detail(List.of("publish"),
                List.of(matcher("https://example.com/(", "urlpattern")))), EXPIRY, refusing))
                .isInstanceOf(InvalidTokenException.class)
                .hasMessage("malformed token: authorization_details: a urlpattern grant is not a valid URL pattern");
    }

    @Test
    void malformedDetailsRefuseTheWholeToken() {
        assertRefused(Map.of("type", AuthorizationDetails.MERCURE_TYPE), "details that are not an array");
        assertRefused(List.of("publish"), "a detail that is not an object");
        assertRefused(List.of(Map.of("actions", List.of("publish"), "topics", List.of(exact("*")))), "a detail without type");
        assertRefused(List.of(detail(List.of(), List.of(exact("*")))), "empty actions");
        assertRefused(List.of(detail(List.of("publish"), List.of())), "empty topics");
        assertRefused(List.of(detail(List.of("publish"), List.of(Map.of("match_type", "exact")))), "a topic without match");
        Map<String, Object> numberAction = new HashMap<>(detail(List.of(), List.of(exact("*"))));
        numberAction.put("actions", List.of("publish", 7));
        assertRefused(List.of(numberAction), "a non-string action");
        Map<String, Object> listPayload = new HashMap<>(detail(List.of("subscribe"), List.of(exact("*"))));
        listPayload.put("payload", List.of(1));
        assertRefused(List.of(listPayload), "a payload that is not an object");
    }

    @Test
    void tooManyDetailsOrTopicsRefuseTheToken() {
        List<Object> details = new ArrayList<>(Collections.nCopies(AuthorizationDetails.MAX_DETAILS + 1,
                detail(List.of("publish"), List.of(exact(BOOK)))));
        assertRefused(details, "101 details");
        assertRefused(List.of(detail(List.of("publish"),
                Collections.nCopies(AuthorizationDetails.MAX_TOPICS_PER_DETAIL + 1, exact(BOOK)))), "101 topics");
        assertRefused(List.of(detail(List.of("publish"),
                List.of(exact("x".repeat(AuthorizationDetails.MAX_MATCH_LENGTH + 1))))), "a 4097-character match");
    }

    @Test
    void eachSubscriptionGetsThePayloadOfTheFirstSubscribeDetailGrantingItsSelector() {
        Map<String, Object> specific = new HashMap<>(detail(List.of("subscribe"), List.of(exact(BOOK))));
        specific.put("payload", Map.of("custom1", "book"));
        Map<String, Object> fallback = new HashMap<>(detail(List.of("subscribe"), List.of(exact("*"))));
        fallback.put("payload", Map.of("custom3", "default"));

        Claims claims = read(List.of(detail(List.of("publish"), List.of(exact("*"))), specific, fallback));

        assertThat(claims.payloadFor(BOOK)).as("the specific detail comes first").isEqualTo(Map.of("custom1", "book"));
        assertThat(claims.payloadFor(AUTHOR)).as("the * detail serves as a default").isEqualTo(Map.of("custom3", "default"));
    }

    @Test
    void aSubscriptionNoSubscribeDetailGrantsHasNoPayload() {
        Map<String, Object> specific = new HashMap<>(detail(List.of("subscribe"), List.of(exact(BOOK))));
        specific.put("payload", Map.of("custom1", "book"));

        assertThat(read(List.of(specific)).payloadFor(AUTHOR)).isNull();
    }
}
