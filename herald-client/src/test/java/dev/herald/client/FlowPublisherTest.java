package dev.herald.client;

import static dev.herald.client.ScriptedServer.status;
import static dev.herald.client.ScriptedServer.stream;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.Test;

/** The Flow.Publisher adapter: demand paces delivery, terminal signals come last and once. */
class FlowPublisherTest {

    private final Subscriber subscriber = Subscriber.create();
    private final FlowRecorder recorder = new FlowRecorder();

    private SubscribeOptions options(ScriptedServer server) {
        return SubscribeOptions.of(server.uri(), "t").withRetry(Duration.ofMillis(10));
    }

    @Test
    void eventsArriveOnlyAsTheyAreRequested() {
        try (ScriptedServer server = new ScriptedServer(stream("id: 1\ndata: a\n\nid: 2\ndata: b\n\nid: 3\ndata: c\n\n"),
                status(204, "text/plain", ""))) {
            subscriber.publisher(options(server)).subscribe(recorder);

            recorder.subscription.request(1);
            recorder.awaitSignals(1, "event 1");
            assertThat(recorder.signals).as("nothing beyond the demand").containsExactly("event 1");

            recorder.subscription.request(5);
            recorder.awaitSignals(4, "complete");
            assertThat(recorder.signals).containsExactly("event 1", "event 2", "event 3", "complete");
        }
    }

    @Test
    void aFailureForGoodIsOnError() {
        try (ScriptedServer server = new ScriptedServer(status(403, "text/plain", "forbidden"))) {
            subscriber.publisher(options(server)).subscribe(recorder);
            recorder.subscription.request(1);

            recorder.awaitSignals(1, "error the hub answered 403: forbidden");
        }
    }

    @Test
    void aNonPositiveRequestIsAnError() {
        try (ScriptedServer server = new ScriptedServer(stream("id: 1\ndata: a\n\n"))) {
            subscriber.publisher(options(server)).subscribe(recorder);
            recorder.subscription.request(0);

            recorder.awaitSignals(1, "error request must be positive, was 0");
        }
    }

    @Test
    void lostHistoryIsToldToItsCallbackBeforeTheReplayedEvents() {
        List<String> lost = new CopyOnWriteArrayList<>();
        try (ScriptedServer server = new ScriptedServer(
                ScriptedServer.streamWithHeader("Last-Event-ID", "earliest", "id: 9\ndata: a\n\n"),
                status(204, "text/plain", ""))) {
            subscriber.publisher(options(server).withLastEventId("4"), requestedId -> {
                lost.add(requestedId);
                recorder.signals.add("history lost after " + requestedId);
            }).subscribe(recorder);
            recorder.subscription.request(5);

            recorder.awaitSignals(3, "complete");
            assertThat(recorder.signals).containsExactly("history lost after 4", "event 9", "complete");
            assertThat(lost).containsExactly("4");
        }
    }

    /** Records signals as lines; the subscription is kept for the test to request from. */
    static final class FlowRecorder implements Flow.Subscriber<Event> {
        final List<String> signals = new CopyOnWriteArrayList<>();
        volatile Flow.Subscription subscription;

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
        }

        @Override
        public void onNext(Event event) {
            signals.add("event " + event.id());
        }

        @Override
        public void onError(Throwable error) {
            signals.add("error " + error.getMessage());
        }

        @Override
        public void onComplete() {
            signals.add("complete");
        }

        void awaitSignals(int count, String last) {
            org.awaitility.Awaitility.await("signal " + count + " (so far: " + signals + ")").atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(5)).until(() -> signals.size() >= count);
            assertThat(signals).hasSize(count);
            assertThat(signals.get(count - 1)).isEqualTo(last);
        }
    }
}
