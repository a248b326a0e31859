package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.server.stream.ReplayOptions;
import dev.herald.server.support.RawHttp;
import dev.herald.server.support.RunningHub;
import dev.herald.server.support.SseRecorder;
import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A resuming subscriber that finds every replay slot taken waits its turn, but not forever: past the
 * wait limit it is told to come back (503 with a jittered Retry-After), before any stream header.
 */
class ReplayQueueTest {

    private static final Duration WAIT_LIMIT = Duration.ofMillis(500);
    /** Long enough that the non-reader keeps its slot for the whole test. */
    private static final Duration STALL_TIMEOUT = Duration.ofMinutes(5);
    /** 8 MB of history: the non-reader's socket fills long before its replay is written. */
    private static final int HISTORY = 64;
    private static final String PAYLOAD = "x".repeat(128 * 1024);

    private final RunningHub hub = RunningHub.start(ServerOptions.builder()
            .replay(ReplayOptions.defaults().withMaxReplays(1).withWaitLimit(WAIT_LIMIT).withStallTimeout(STALL_TIMEOUT))
            .build());

    @AfterEach
    void stop() {
        hub.close();
    }

    @Test
    void aResumingSubscriberThatWaitedPastTheLimitGets503WithRetryAfter() throws IOException {
        String first = hub.send("0 " + PAYLOAD);
        for (int i = 1; i < HISTORY; i++) {
            hub.send(i + " " + PAYLOAD);
        }
        try (Socket neverReads = openEarliestAndNeverRead()) {
            await("the non-reader's replay to take the only slot").atMost(Duration.ofSeconds(5))
                    .until(() -> hub.server().subscriberCount() == 1);
            long asked = System.nanoTime();

            try (SseRecorder waited = hub.streamAfter(first)) {
                Duration answeredAfter = Duration.ofNanos(System.nanoTime() - asked);

                assertThat(waited.status()).as("no slot came free within the wait limit").isEqualTo(503);
                assertThat(waited.headers().firstValue("Retry-After")).as("told when to come back")
                        .hasValueSatisfying(seconds -> assertThat(Integer.parseInt(seconds)).isBetween(1, 4));
                assertThat(answeredAfter).as("it waited its turn first").isGreaterThanOrEqualTo(WAIT_LIMIT);
            }
        }
    }

    private Socket openEarliestAndNeverRead() {
        return RawHttp.getAndNeverRead(hub.uri("/"), "/stream?lastEventID=earliest");
    }
}
