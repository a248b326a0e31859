package dev.herald.server.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.client.Event;
import dev.herald.client.ListenerRecorder;
import dev.herald.client.Publication;
import dev.herald.client.PublishOptions;
import dev.herald.client.Publisher;
import dev.herald.client.SubscribeOptions;
import dev.herald.client.Subscriber;
import dev.herald.client.Subscription;
import dev.herald.client.TokenProvider;
import dev.herald.server.HeraldServer;
import dev.herald.server.HistoryOptions;
import dev.herald.server.ServerOptions;
import dev.herald.server.support.MercureClient;
import dev.herald.server.support.PrometheusText;
import dev.herald.server.support.RunningHub;
import dev.herald.server.support.Tokens;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client resumes with Last-Event-ID wherever the stream ends: a hub restart on the durable store, a
 * cut as a slow consumer, a token that expires mid-stream. Every update arrives exactly once, in order.
 */
class ClientResumeTest {

    private static final String TOPIC = "https://example.com/quotes/acme";

    @TempDir
    Path data;

    private final Subscriber subscriber = Subscriber.create();
    private final ListenerRecorder recorder = new ListenerRecorder();

    private static Publisher publisher(URI mercure) {
        return Publisher.create(PublishOptions.of(mercure, TokenProvider.of(Tokens.publisher("*"))));
    }

    @Test
    void aSubscriberAcrossAHubRestartOnTheStoreReceivesEveryUpdateOnceInOrder() throws Exception {
        ServerOptions options = ServerOptions.builder().history(HistoryOptions.store(data)).security(Tokens.security())
                .activeSubscriptions(false).port(0).build();
        HeraldServer first = HeraldServer.start(options);
        int port = first.address().getPort();
        URI mercure = URI.create("http://127.0.0.1:" + port + MercureClient.PATH);
        List<String> published = new ArrayList<>();
        try (Subscription subscription = subscriber.subscribe(SubscribeOptions.of(mercure, TOPIC)
                .withMaxBackoff(Duration.ofMillis(200)), recorder)) {
            recorder.awaitOpens(1);
            for (int i = 0; i < 3; i++) {
                published.add(publisher(mercure).publish(Publication.of(TOPIC, "before " + i)));
            }
            recorder.awaitEvents(3);
            first.close();
            // Published while the subscriber is away: it must get them from the store's history.
            try (HeraldServer second = HeraldServer.start(options.withPort(port))) {
                for (int i = 0; i < 3; i++) {
                    published.add(publisher(mercure).publish(Publication.of(TOPIC, "after " + i)));
                }

                assertThat(recorder.awaitEvents(6)).extracting(Event::id).containsExactlyElementsOf(published);
                assertThat(recorder.opened()).as("one reconnection").hasSize(2);
                assertThat(recorder.historyLost()).isEmpty();
                assertThat(subscription.lastEventId()).isEqualTo(published.get(5));
            }
        } finally {
            first.close();
        }
    }

    @Test
    void aSubscriberCutAsASlowConsumerResumesWithNothingLost() throws Exception {
        try (RunningHub hub = RunningHub.start(ServerOptions.builder().security(Tokens.security())
                .activeSubscriptions(false).maxPendingBytes(16 * 1024).build())) {
            URI mercure = hub.uri(MercureClient.PATH);
            Stalling stalling = new Stalling();
            subscriber.publisher(SubscribeOptions.of(mercure, TOPIC).withRetry(Duration.ofMillis(50))).subscribe(stalling);
            stalling.subscription.request(1);
            await("the stream to open").atMost(Duration.ofSeconds(10)).until(() -> hub.server().subscriberCount() == 1);

            // It reads one event and then nothing: the socket's buffers fill, then the hub's budget.
            Publisher publisher = publisher(mercure);
            String payload = "x".repeat(4096);
            List<String> published = new ArrayList<>();
            while (slowConsumerCuts(hub) == 0 && published.size() < 3_000) {
                published.add(publisher.publish(Publication.of(TOPIC, payload)));
            }
            assertThat(slowConsumerCuts(hub)).as("the hub cut the stalled subscriber after %d updates", published.size())
                    .isEqualTo(1.0);

            stalling.subscription.request(Long.MAX_VALUE);

            await("every update (so far " + stalling.ids.size() + ")").atMost(Duration.ofSeconds(20))
                    .until(() -> stalling.ids.size() >= published.size());
            assertThat(stalling.ids).as("resumed with Last-Event-ID: every update once, in order")
                    .containsExactlyElementsOf(published);
            stalling.subscription.cancel();
        }
    }

    @Test
    void aTokenThatExpiresMidStreamIsReplacedWithoutAGap() throws Exception {
        try (RunningHub hub = RunningHub.start(ServerOptions.builder().security(Tokens.security()
                .withAnonymousSubscribers(false)).activeSubscriptions(false).build())) {
            URI mercure = hub.uri(MercureClient.PATH);
            // Each connection gets a token good for one more second: the hub ends each stream at its expiry.
            TokenProvider shortLived = () -> Optional.of(Tokens.subscriberExpiringAt(Instant.now().plusSeconds(1), TOPIC));
            try (Subscription subscription = subscriber.subscribe(SubscribeOptions.of(mercure, TOPIC)
                    .withTokenProvider(shortLived).withRetry(Duration.ofMillis(20)), recorder)) {
                recorder.awaitOpens(1);
                Publisher publisher = publisher(mercure);
                List<String> published = new ArrayList<>();
                while (recorder.opened().size() < 3) {
                    published.add(publisher.publish(Publication.of(TOPIC, "n" + published.size())));
                    recorder.awaitEvents(published.size());
                }

                assertThat(recorder.awaitEvents(published.size())).extracting(Event::id)
                        .containsExactlyElementsOf(published);
                assertThat(recorder.failure()).as("an expired token is not a failure").isNull();
            }
        }
    }

    private static double slowConsumerCuts(RunningHub hub) {
        String metrics = hub.request(HttpRequest.newBuilder(hub.uri("/metrics")).GET().build()).body();
        return PrometheusText.samples(metrics).getOrDefault("herald_disconnects_total{reason=\"slow_consumer\"}", 0.0);
    }

    /** Requests only what the test asks for; records ids. */
    private static final class Stalling implements Flow.Subscriber<Event> {
        final List<String> ids = new CopyOnWriteArrayList<>();
        volatile Flow.Subscription subscription;

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
        }

        @Override
        public void onNext(Event event) {
            ids.add(event.id());
        }

        @Override
        public void onError(Throwable error) {
            ids.add("error: " + error);
        }

        @Override
        public void onComplete() {
            ids.add("complete");
        }
    }
}
