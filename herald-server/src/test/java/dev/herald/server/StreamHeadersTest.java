package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.server.support.RunningHub;
import dev.herald.server.support.SseRecorder;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What a proxy or browser sees of a stream before and between events (MERCURE.md, WHATWG). */
class StreamHeadersTest {

    private final RunningHub hub = RunningHub.start(ServerOptions.builder().heartbeat(Duration.ofMillis(200)).build());

    @AfterEach
    void stop() {
        hub.close();
    }

    @Test
    void streamIsAnUncachedUnbufferedEventStream() {
        try (SseRecorder stream = hub.stream()) {
            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.headers().firstValue("Content-Type")).hasValue("text/event-stream; charset=utf-8");
            assertThat(stream.headers().firstValue("Cache-Control"))
                    .hasValue("private, no-cache, no-store, must-revalidate, max-age=0");
            assertThat(stream.headers().firstValue("X-Accel-Buffering"))
                    .as("nginx must not buffer the stream").hasValue("no");
            assertThat(stream.headers().firstValue("Last-Event-ID"))
                    .as("no resume was asked for").isEmpty();
        }
    }

    @Test
    void aCommentIsWrittenAtOnceSoTheStreamOpensBeforeAnyUpdate() {
        try (SseRecorder stream = hub.stream()) {
            stream.awaitComments(1);
            assertThat(stream.events()).isEmpty();
        }
    }

    @Test
    void idleStreamsReceiveHeartbeatComments() {
        try (SseRecorder stream = hub.stream()) {
            stream.awaitComments(3);
            assertThat(stream.comments()).as("opening comment and heartbeats are empty comments").containsOnly("");
        }
    }

    @Test
    void everyEventCarriesAnId() {
        try (SseRecorder stream = hub.stream()) {
            String id = hub.send("hello");
            assertThat(stream.awaitEvents(1).get(0).lastEventId()).isEqualTo(id).startsWith("urn:uuid:");
        }
    }
}
