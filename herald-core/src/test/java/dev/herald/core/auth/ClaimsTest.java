package dev.herald.core.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.core.Subscription;
import dev.herald.core.TopicSelector;
import dev.herald.core.Update;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Mercure's authorization rules, as pure functions of the claims. */
class ClaimsTest {

    private static final String BOOK = "https://example.com/books/1";
    private static final String REVIEWS = "https://example.com/books/1/reviews";
    private static final String ADMIN = "https://example.com/admin";

    @Test
    void canPublishWhenEveryTopicMatchesSomePublishSelector() {
        Claims claims = publisher(BOOK, REVIEWS);

        assertThat(claims.canPublish(update(BOOK, REVIEWS)))
                .as("each topic is allowed by one of the selectors")
                .isTrue();
    }

    @Test
    void canPublishRequiresEveryTopicIncludingAlternates() {
        Claims claims = publisher(BOOK);

        assertThat(claims.canPublish(update(BOOK, ADMIN)))
                .as("an alternate topic the token does not allow must refuse the whole update")
                .isFalse();
        assertThat(claims.canPublish(update(ADMIN, BOOK)))
                .as("so must a canonical topic the token does not allow")
                .isFalse();
    }

    @Test
    void wildcardPublishSelectorAllowsEveryTopic() {
        assertThat(publisher("*").canPublish(update(BOOK, ADMIN, "urn:anything"))).isTrue();
    }

    @Test
    void emptyPublishClaimAllowsNothing() {
        Claims claims = new Claims(List.of(), List.of(TopicSelector.parse("*")), null, Optional.empty());

        assertThat(claims.canPublish(update(BOOK))).isFalse();
        assertThat(Claims.ANONYMOUS.canPublish(update(BOOK))).isFalse();
    }

    @Test
    void privateUpdateReachesSubscriberWhoseSubscribeSelectorMatchesAnyOfItsTopics() {
        Claims claims = subscriber(REVIEWS);
        Subscription subscription = claims.subscription(List.of(TopicSelector.parse(BOOK)));

        assertThat(subscription.accepts(privateUpdate(BOOK, REVIEWS)))
                .as("the subscribe selector matches the alternate topic, which is enough")
                .isTrue();
    }

    @Test
    void privateUpdateDoesNotReachSubscriberWithoutAMatchingSubscribeSelector() {
        Subscription subscription = subscriber(ADMIN).subscription(List.of(TopicSelector.parse("*")));

        assertThat(subscription.accepts(privateUpdate(BOOK, REVIEWS))).isFalse();
        assertThat(subscription.accepts(update(BOOK))).as("public updates still arrive").isTrue();
    }

    @Test
    void subscribeSelectorsAreThePrivateSelectorsOfTheSubscription() {
        Claims claims = subscriber(BOOK, REVIEWS);

        assertThat(claims.subscription(List.of(TopicSelector.parse("*"))).privateSelectors())
                .isEqualTo(claims.subscribeSelectors())
                .extracting(TopicSelector::text).containsExactly(BOOK, REVIEWS);
    }

    @Test
    void anonymousClaimsReceivePublicUpdatesOnly() {
        Subscription subscription = Claims.ANONYMOUS.subscription(List.of(TopicSelector.parse("*")));

        assertThat(subscription.accepts(update(BOOK))).isTrue();
        assertThat(subscription.accepts(privateUpdate(BOOK))).isFalse();
    }

    private static Claims publisher(String... selectors) {
        return new Claims(selectors(selectors), List.of(), null, Optional.empty());
    }

    private static Claims subscriber(String... selectors) {
        return new Claims(List.of(), selectors(selectors), null, Optional.empty());
    }

    private static List<TopicSelector> selectors(String... texts) {
        return List.of(texts).stream().map(TopicSelector::parse).toList();
    }

    private static Update update(String... topics) {
        return new Update(null, List.of(topics), "data", false, null, null);
    }

    private static Update privateUpdate(String... topics) {
        return new Update(null, List.of(topics), "data", true, null, null);
    }
}
