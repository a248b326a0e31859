package dev.herald.server.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.client.Event;
import dev.herald.client.ListenerRecorder;
import dev.herald.client.Publication;
import dev.herald.client.PublishOptions;
import dev.herald.client.Publisher;
import dev.herald.client.SubscribeOptions;
import dev.herald.client.Subscriber;
import dev.herald.client.Subscription;
import dev.herald.client.TokenProvider;
import dev.herald.server.HistoryOptions;
import dev.herald.server.ServerOptions;
import dev.herald.server.support.HeraldProcess;
import dev.herald.server.support.MercureClient;
import dev.herald.server.support.RunningHub;
import dev.herald.server.support.Tokens;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Two nodes of one hub on Redis (the machine's, on 127.0.0.1:6379, each test with its own key prefix):
 * a subscriber given both URLs moves to the other node when its node goes away, and resumes there.
 */
class ClientFailoverTest {

    private static final String TOPIC = "https://example.com/quotes/acme";

    @Test
    void aSubscriberWhoseNodeShutsDownResumesOnTheOtherNodeWithEveryUpdateOnceInOrder() throws Exception {
        ServerOptions options = ServerOptions.builder()
                .history(HistoryOptions.redis(HistoryOptions.DEFAULT_REDIS_URI, "herald-test-" + UUID.randomUUID()))
                .security(Tokens.security()).activeSubscriptions(false).build();
        try (RunningHub first = RunningHub.start(options); RunningHub second = RunningHub.start(options)) {
            everyUpdateArrivesOnceInOrderAcrossTheLossOfTheFirstNode(first.uri(MercureClient.PATH),
                    second.uri(MercureClient.PATH), first::close);
        }
    }

    @Test
    void aSubscriberWhoseNodeIsKilledWithSigkillResumesOnTheOtherNodeWithEveryUpdateOnceInOrder() throws Exception {
        String[] flags = {"--transport", "redis", "--redis-url", HistoryOptions.DEFAULT_REDIS_URI,
                "--redis-prefix", "herald-test-" + UUID.randomUUID(), "--no-subscriptions", "--jwt-key", Tokens.SECRET};
        try (HeraldProcess first = HeraldProcess.start(flags); HeraldProcess second = HeraldProcess.start(flags)) {
            everyUpdateArrivesOnceInOrderAcrossTheLossOfTheFirstNode(first.uri(MercureClient.PATH),
                    second.uri(MercureClient.PATH), first::kill);
        }
    }

    /** A loss of the subscriber's node; the publisher is on the other one. */
    private interface NodeLoss {
        void happen() throws Exception;
    }

    private static void everyUpdateArrivesOnceInOrderAcrossTheLossOfTheFirstNode(URI onFirst, URI onSecond, NodeLoss loss)
            throws Exception {
        ListenerRecorder recorder = new ListenerRecorder();
        Publisher publisher = Publisher.create(PublishOptions.of(onSecond, TokenProvider.of(Tokens.publisher("*"))));
        List<String> published = new ArrayList<>();
        try (Subscription subscription = Subscriber.create().subscribe(SubscribeOptions.of(onFirst, TOPIC)
                .withHubs(List.of(onFirst, onSecond)).withMaxBackoff(Duration.ofMillis(200)), recorder)) {
            recorder.awaitOpens(1);
            for (int i = 0; i < 3; i++) {
                published.add(publisher.publish(Publication.of(TOPIC, "before " + i)));
            }
            recorder.awaitEvents(3);

            loss.happen();
            for (int i = 0; i < 3; i++) {
                published.add(publisher.publish(Publication.of(TOPIC, "after " + i)));
            }

            assertThat(recorder.awaitEvents(6)).extracting(Event::id)
                    .as("the updates published before, while the node went away and after: once each, in order")
                    .containsExactlyElementsOf(published);
            assertThat(recorder.opened()).containsExactly(onFirst, onSecond);
        }
    }
}
