package dev.herald.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Which updates a subscriber receives (Mercure): one of its selectors must match one of the update's
 * topics, canonical or alternate; a private update also needs a private selector matching one of them.
 */
class SubscriptionTest {

    private static final String BOOK = "https://example.com/books/1";
    private static final String AUTHOR = "https://example.com/authors/7";
    private static final String OTHER = "https://example.com/other";

    // --- public updates ----------------------------------------------------------------------------

    @Test
    void acceptsUpdateWhoseCanonicalTopicIsSelected() {
        assertThat(anonymous(BOOK).accepts(publicUpdate(BOOK, AUTHOR))).isTrue();
    }

    @Test
    void acceptsUpdateWhoseAlternateTopicIsSelected() {
        assertThat(anonymous(AUTHOR).accepts(publicUpdate(BOOK, AUTHOR))).isTrue();
    }

    @Test
    void acceptsWhenAnyOfSeveralSelectorsMatches() {
        assertThat(anonymous(OTHER, BOOK).accepts(publicUpdate(BOOK))).isTrue();
    }

    @Test
    void refusesUpdateWhenNoSelectorMatchesAnyTopic() {
        assertThat(anonymous(OTHER).accepts(publicUpdate(BOOK, AUTHOR))).isFalse();
    }

    @Test
    void wildcardAcceptsEveryPublicUpdate() {
        assertThat(anonymous("*").accepts(publicUpdate(BOOK))).isTrue();
    }

    @Test
    void templateSelectorAcceptsUpdatesWhoseTopicItExpandsTo() {
        Subscription subscription = anonymous("https://example.com/books/{id}");

        assertThat(subscription.accepts(publicUpdate(OTHER, BOOK))).isTrue();
        assertThat(subscription.accepts(publicUpdate(AUTHOR))).isFalse();
    }

    // --- private updates ---------------------------------------------------------------------------

    @Test
    void acceptsPrivateUpdateWhenAPrivateSelectorMatchesItsCanonicalTopic() {
        Subscription subscription = authorized(List.of("*"), List.of(BOOK));

        assertThat(subscription.accepts(privateUpdate(BOOK, AUTHOR))).isTrue();
    }

    @Test
    void acceptsPrivateUpdateWhenAPrivateSelectorMatchesAnAlternateTopic() {
        Subscription subscription = authorized(List.of("*"), List.of(AUTHOR));

        assertThat(subscription.accepts(privateUpdate(BOOK, AUTHOR))).isTrue();
    }

    @Test
    void privateSelectorMayMatchAnotherTopicThanTheSubscribedOne() {
        Subscription subscription = authorized(List.of(BOOK), List.of(AUTHOR));

        assertThat(subscription.accepts(privateUpdate(BOOK, AUTHOR)))
                .as("subscribing and being authorized are checked against the topics independently")
                .isTrue();
    }

    @Test
    void refusesPrivateUpdateWhenNoPrivateSelectorMatches() {
        Subscription subscription = authorized(List.of("*"), List.of(OTHER));

        assertThat(subscription.accepts(privateUpdate(BOOK, AUTHOR))).isFalse();
    }

    @Test
    void refusesPrivateUpdateThatWasNotSubscribedToEvenWhenAuthorized() {
        Subscription subscription = authorized(List.of(OTHER), List.of("*"));

        assertThat(subscription.accepts(privateUpdate(BOOK))).isFalse();
    }

    @Test
    void wildcardPrivateSelectorAuthorizesEveryPrivateUpdate() {
        Subscription subscription = authorized(List.of(BOOK), List.of("*"));

        assertThat(subscription.accepts(privateUpdate(BOOK))).isTrue();
    }

    @Test
    void templatePrivateSelectorAuthorizesTheTopicsItExpandsTo() {
        Subscription subscription = authorized(List.of("*"), List.of("https://example.com/books/{id}"));

        assertThat(subscription.accepts(privateUpdate(BOOK))).isTrue();
        assertThat(subscription.accepts(privateUpdate(BOOK + "/reviews")))
                .as("{id} does not span a '/', so the template does not authorize deeper topics")
                .isFalse();
    }

    @Test
    void anonymousSubscriberNeverReceivesPrivateUpdates() {
        assertThat(anonymous("*").accepts(privateUpdate(BOOK)))
                .as("without a token, even '*' does not reach private updates")
                .isFalse();
    }

    @Test
    void authorizedSubscriberStillReceivesPublicUpdates() {
        Subscription subscription = authorized(List.of(BOOK), List.of(OTHER));

        assertThat(subscription.accepts(publicUpdate(BOOK))).isTrue();
    }

    // --- construction ------------------------------------------------------------------------------

    @Test
    void subscriptionWithoutSelectorIsRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> Subscription.anonymous(List.of()))
                .withMessage("a subscription needs at least one topic selector");
    }

    @Test
    void laterChangesToTheGivenSelectorListDoNotReachTheSubscription() {
        List<TopicSelector> selectors = new ArrayList<>(List.of(TopicSelector.parse(OTHER)));
        Subscription subscription = Subscription.anonymous(selectors);

        selectors.add(TopicSelector.parse("*"));

        assertThat(subscription.accepts(publicUpdate(BOOK))).isFalse();
    }

    // --- Fixtures ----------------------------------------------------------------------------------

    private static Subscription anonymous(String... selectors) {
        return Subscription.anonymous(parse(List.of(selectors)));
    }

    private static Subscription authorized(List<String> selectors, List<String> privateSelectors) {
        return new Subscription(parse(selectors), parse(privateSelectors));
    }

    private static List<TopicSelector> parse(List<String> selectors) {
        return selectors.stream().map(TopicSelector::parse).toList();
    }

    private static Update publicUpdate(String... topics) {
        return new Update("id-1", List.of(topics), "x", false, null, null);
    }

    private static Update privateUpdate(String... topics) {
        return new Update("id-1", List.of(topics), "x", true, null, null);
    }
}
