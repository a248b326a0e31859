package dev.herald.bench.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

/** How the tool learns the port a hub it started picked: the line the hub prints once it serves. */
class HubProcessTest {

    @Test
    void findsTheUrlInTheLineTheHubPrintsOnceItServes() {
        String log = "21:05:37.678 INFO  HeraldServer - Herald listening on http://127.0.0.1:43647 (epoll, ...)\n"
                + "Herald is running: open http://127.0.0.1:43647/ (Ctrl+C to stop)\n";

        assertThat(HubProcess.servedUrl(log)).isEqualTo(URI.create("http://127.0.0.1:43647"));
    }

    @Test
    void hasNoUrlBeforeTheHubServes() {
        assertThat(HubProcess.servedUrl("21:05:37.678 INFO  HeraldServer - Herald listening on http://127.0.0.1:43647\n"))
                .isNull();
    }
}
