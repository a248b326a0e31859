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
import dev.herald.server.support.HeraldProcess;
import dev.herald.server.support.MercureClient;
import dev.herald.server.support.Tokens;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hub process killed (SIGKILL: no clean end, no {@code retry}) and started again on its store, at
 * the same address: the subscriber's connection breaks, it retries until the hub is back and resumes
 * with Last-Event-ID, receiving every acknowledged update once, in order.
 */
class ClientCrashTest {

    private static final String TOPIC = "https://example.com/quotes/acme";

    @TempDir
    Path data;

    @Test
    void aSubscriberAcrossAHubCrashAndRestartOnTheStoreReceivesEveryUpdateOnceInOrder() throws Exception {
        String[] flags = {"--data-dir", data.toString(), "--jwt-key", Tokens.SECRET, "--no-subscriptions"};
        HeraldProcess first = HeraldProcess.start(flags);
        URI mercure = first.uri(MercureClient.PATH);
        Publisher publisher = Publisher.create(PublishOptions.of(mercure, TokenProvider.of(Tokens.publisher("*"))));
        ListenerRecorder recorder = new ListenerRecorder();
        List<String> published = new ArrayList<>();
        try (first; Subscription subscription = Subscriber.create().subscribe(SubscribeOptions.of(mercure, TOPIC)
                .withRetry(Duration.ofMillis(100)).withMaxBackoff(Duration.ofMillis(500)), recorder)) {
            recorder.awaitOpens(1);
            for (int i = 0; i < 3; i++) {
                published.add(publisher.publish(Publication.of(TOPIC, "before " + i)));
            }
            recorder.awaitEvents(3);

            first.kill();
            try (HeraldProcess second = HeraldProcess.startOnPort(mercure.getPort(), flags)) {
                for (int i = 0; i < 3; i++) {
                    published.add(publisher.publish(Publication.of(TOPIC, "after " + i)));
                }

                assertThat(recorder.awaitEvents(6)).extracting(Event::id).containsExactlyElementsOf(published);
                assertThat(recorder.opened()).as("one reconnection, to the restarted hub").hasSize(2);
                assertThat(recorder.failure()).isNull();
            }
        }
    }
}
