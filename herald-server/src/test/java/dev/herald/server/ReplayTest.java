package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.client.sse.SseEvent;
import dev.herald.server.support.RunningHub;
import dev.herald.server.support.SseRecorder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ReplayTest {

    /** Subscription events would take history slots of their own; these tests count slots exactly. */
    private final RunningHub hub = RunningHub.start(ServerOptions.builder().historySize(5)
            .activeSubscriptions(false).build());

    @AfterEach
    void stop() {
        hub.close();
    }

    @Test
    void reconnectingWithLastEventIdReplaysExactlyTheMissedUpdatesThenLiveOnes() {
        String seen;
        try (SseRecorder first = hub.stream()) {
            hub.send("one");
            seen = first.awaitEvents(1).get(0).lastEventId();
        }
        List<String> missed = List.of(hub.send("two"), hub.send("three"));

        try (SseRecorder resumed = hub.streamAfter(seen)) {
            assertThat(resumed.headers().firstValue("Last-Event-ID"))
                    .as("the response says where the replay starts").hasValue(seen);
            String live = hub.send("four");
            List<SseEvent> events = resumed.awaitEvents(3);
            assertThat(events).extracting(SseEvent::lastEventId).containsExactly(missed.get(0), missed.get(1), live);
            assertThat(events.get(0).data()).startsWith("two - ");
        }
    }

    @Test
    void reconnectingWithTheNewestIdReplaysNothing() {
        String newest = hub.send("one");
        try (SseRecorder resumed = hub.streamAfter(newest)) {
            String live = hub.send("two");
            assertThat(resumed.awaitEvents(1)).extracting(SseEvent::lastEventId).containsExactly(live);
        }
    }

    @Test
    void lastEventIdQueryParameterResumesLikeTheHeader() {
        String first = hub.send("one");
        String second = hub.send("two");
        try (SseRecorder resumed = SseRecorder.open(hub.client(),
                hub.uri("/stream?lastEventID=" + java.net.URLEncoder.encode(first, java.nio.charset.StandardCharsets.UTF_8)),
                Map.of())) {
            assertThat(resumed.awaitEvents(1)).extracting(SseEvent::lastEventId).containsExactly(second);
        }
    }

    @Test
    void earliestReplaysAllRetainedHistory() {
        List<String> ids = List.of(hub.send("one"), hub.send("two"));
        try (SseRecorder resumed = hub.streamAfter("earliest")) {
            assertThat(resumed.headers().firstValue("Last-Event-ID")).hasValue("earliest");
            assertThat(resumed.awaitEvents(2)).extracting(SseEvent::lastEventId).containsExactlyElementsOf(ids);
        }
    }

    @Test
    void anIdNoLongerRetainedAnswersEarliestAndReplaysWhatIsRetained() {
        String evicted = hub.send("evicted");
        List<String> retained = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            retained.add(hub.send("kept " + i));
        }
        try (SseRecorder resumed = hub.streamAfter(evicted)) {
            assertThat(resumed.headers().firstValue("Last-Event-ID"))
                    .as("the client learns it may have missed updates").hasValue("earliest");
            assertThat(resumed.awaitEvents(5)).extracting(SseEvent::lastEventId).containsExactlyElementsOf(retained);
        }
    }

    @Test
    void anUnknownIdAnswersEarliest() {
        hub.send("one");
        try (SseRecorder resumed = hub.streamAfter("never-published")) {
            assertThat(resumed.headers().firstValue("Last-Event-ID")).hasValue("earliest");
            assertThat(resumed.awaitEvents(1)).hasSize(1);
        }
    }
}
