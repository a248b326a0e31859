package dev.herald.server.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.client.Event;
import dev.herald.client.ListenerRecorder;
import dev.herald.client.Publication;
import dev.herald.client.PublishOptions;
import dev.herald.client.Publisher;
import dev.herald.client.SubscribeException;
import dev.herald.client.SubscribeOptions;
import dev.herald.client.Subscriber;
import dev.herald.client.Subscription;
import dev.herald.client.TokenProvider;
import dev.herald.server.ServerOptions;
import dev.herald.server.support.MercureClient;
import dev.herald.server.support.RunningHub;
import dev.herald.server.support.Tokens;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** herald-client's subscriber against a real Herald hub on a real socket. */
class ClientSubscribeTest {

    private static final String BOOKS = "https://example.com/books/{id}";

    private RunningHub hub = RunningHub.start(ServerOptions.builder().security(Tokens.security())
            .activeSubscriptions(false).build());
    private final Subscriber subscriber = Subscriber.create();
    private final ListenerRecorder recorder = new ListenerRecorder();
    private final List<Subscription> subscriptions = new ArrayList<>();

    @AfterEach
    void stop() {
        subscriptions.forEach(Subscription::close);
        hub.close();
    }

    private URI mercure() {
        return hub.uri(MercureClient.PATH);
    }

    private Publisher publisher() {
        return Publisher.create(PublishOptions.of(mercure(), TokenProvider.of(Tokens.publisher("*"))));
    }

    private Subscription subscribe(SubscribeOptions options) {
        Subscription subscription = subscriber.subscribe(options, recorder);
        subscriptions.add(subscription);
        return subscription;
    }

    @Test
    void aSubscriberReceivesWhatIsPublishedInOrderWithItsIdTypeAndData() throws Exception {
        subscribe(SubscribeOptions.of(mercure(), BOOKS));
        recorder.awaitOpens(1);
        Publisher publisher = publisher();

        String first = publisher.publish(Publication.of("https://example.com/books/1", "{\"title\":\"Dune\"}"));
        String second = publisher.publish(Publication.of("https://example.com/books/2", "line 1\nline 2")
                .withType("book").withId("book-2"));

        assertThat(recorder.awaitEvents(2)).containsExactly(new Event(first, "message", "{\"title\":\"Dune\"}"),
                new Event("book-2", "book", "line 1\nline 2"));
        assertThat(second).as("the hub keeps a publisher's id").isEqualTo("book-2");
    }

    @Test
    void aPrivateUpdateReachesOnlyASubscriberWhoseTokenAllowsItsTopic() throws Exception {
        ListenerRecorder anonymous = new ListenerRecorder();
        subscriptions.add(subscriber.subscribe(SubscribeOptions.of(mercure(), BOOKS), anonymous));
        subscribe(SubscribeOptions.of(mercure(), BOOKS).withTokenProvider(TokenProvider.of(Tokens.subscriber(BOOKS))));
        recorder.awaitOpens(1);
        anonymous.awaitOpens(1);

        String secret = publisher().publish(Publication.of("https://example.com/books/1", "secret").asPrivate());
        String open = publisher().publish(Publication.of("https://example.com/books/1", "public"));

        assertThat(recorder.awaitEvents(2)).extracting(Event::id).containsExactly(secret, open);
        assertThat(anonymous.awaitEvents(1)).extracting(Event::id).as("the private update skipped").containsExactly(open);
    }

    @Test
    void theTokenProviderIsAskedOnEveryConnectionAndEveryUpdateArrivesOnceInOrder() throws Exception {
        hub.close();
        hub = RunningHub.start(ServerOptions.builder().security(Tokens.security()).activeSubscriptions(false)
                .maxConnectionLifetime(Duration.ofMillis(300)).build());
        AtomicInteger asked = new AtomicInteger();
        subscribe(SubscribeOptions.of(mercure(), BOOKS).withRetry(Duration.ofMillis(20)).withTokenProvider(() -> {
            asked.incrementAndGet();
            return Optional.of(Tokens.subscriber(BOOKS));
        }));
        recorder.awaitOpens(1);

        Publisher publisher = publisher();
        List<String> published = new ArrayList<>();
        while (recorder.opened().size() < 4) {
            published.add(publisher.publish(Publication.of("https://example.com/books/1", "n" + published.size())));
            recorder.awaitEvents(published.size());
        }

        assertThat(recorder.awaitEvents(published.size())).extracting(Event::id)
                .as("resumed with Last-Event-ID after each end: nothing lost, nothing twice").containsExactlyElementsOf(published);
        assertThat(asked.get()).as("one token per connection").isGreaterThanOrEqualTo(recorder.opened().size());
    }

    @Test
    void resumingAfterAnIdTheHubDoesNotKnowIsReportedAsLostHistory() throws Exception {
        String retained = publisher().publish(Publication.of("https://example.com/books/1", "retained"));

        subscribe(SubscribeOptions.of(mercure(), BOOKS).withLastEventId("urn:uuid:00000000-0000-0000-0000-000000000000"));

        assertThat(recorder.awaitEvents(1)).extracting(Event::id).containsExactly(retained);
        assertThat(recorder.historyLost()).containsExactly("urn:uuid:00000000-0000-0000-0000-000000000000");
    }

    @Test
    void askingForEarliestIsNotLostHistory() throws Exception {
        String retained = publisher().publish(Publication.of("https://example.com/books/1", "retained"));

        subscribe(SubscribeOptions.of(mercure(), BOOKS).withLastEventId("earliest"));

        assertThat(recorder.awaitEvents(1)).extracting(Event::id).containsExactly(retained);
        assertThat(recorder.historyLost()).isEmpty();
    }

    @Test
    void aHubRefusingAnonymousSubscribersFailsTheSubscriptionWithItsStatusAndMessage() {
        hub.close();
        hub = RunningHub.start(ServerOptions.builder().security(Tokens.security().withAnonymousSubscribers(false))
                .activeSubscriptions(false).build());

        subscribe(SubscribeOptions.of(mercure(), BOOKS));

        recorder.awaitEnd();
        assertThat(recorder.failure().reason()).isEqualTo(SubscribeException.Reason.STATUS);
        assertThat(recorder.failure().status()).hasValue(401);
        assertThat(recorder.calls()).hasSize(1);
    }

    @Test
    void aPageThatIsNotAnEventStreamFailsTheSubscription() {
        subscribe(SubscribeOptions.of(hub.uri("/"), BOOKS));

        recorder.awaitEnd();
        assertThat(recorder.failure().reason()).isEqualTo(SubscribeException.Reason.CONTENT_TYPE);
        assertThat(recorder.failure()).hasMessageContaining("text/html");
    }
}
