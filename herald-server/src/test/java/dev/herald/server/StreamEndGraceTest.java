package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.server.stream.ReplayOptions;
import dev.herald.server.support.RawHttp;
import dev.herald.server.support.RunningHub;
import java.io.IOException;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A stream that ends cleanly (here its lifetime) writes its last chunk; a client that never reads it
 * must not keep the connection and its stream slot: the hub closes it a few seconds later anyway.
 */
class StreamEndGraceTest {

    private static final Duration LIFETIME = Duration.ofSeconds(1);
    /** Long enough that only the end of the stream, not the stall timeout, can close it here. */
    private static final Duration STALL_TIMEOUT = Duration.ofMinutes(5);
    /** 8 MB of history: the client's socket fills long before the replay is written. */
    private static final int HISTORY = 64;
    private static final String PAYLOAD = "x".repeat(128 * 1024);

    private final RunningHub hub = RunningHub.start(ServerOptions.builder().maxConnectionLifetime(LIFETIME)
            .replay(ReplayOptions.defaults().withStallTimeout(STALL_TIMEOUT)).build());

    @AfterEach
    void stop() {
        hub.close();
    }

    @Test
    void aStreamThatEndedWhileItsClientDoesNotReadIsClosedAfterTheGrace() throws IOException {
        for (int i = 0; i < HISTORY; i++) {
            hub.send(i + " " + PAYLOAD);
        }
        try (Socket neverReads = openEarliestAndNeverRead()) {
            await().atMost(Duration.ofSeconds(5)).until(() -> hub.server().subscriberCount() == 1);

            await("the stream's end and the grace after it").atMost(LIFETIME.plusSeconds(5 + 10))
                    .until(() -> hub.server().subscriberCount() == 0);

            assertThat(neverReads.isClosed()).as("the client never read nor closed anything").isFalse();
        }
    }

    private Socket openEarliestAndNeverRead() {
        return RawHttp.getAndNeverRead(hub.uri("/"), "/.well-known/mercure?topic="
                + URLEncoder.encode(ServerOptions.DEFAULT_DEMO_TOPIC, StandardCharsets.UTF_8) + "&lastEventID=earliest");
    }
}
