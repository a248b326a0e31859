package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.server.support.RunningHub;
import org.junit.jupiter.api.Test;

class StartupTest {

    @Test
    void refusesToListenBeyondLoopbackWithoutPublisherKeys() {
        ServerOptions everywhere = new ServerOptions("0.0.0.0", 0, ServerOptions.DEFAULT_HEARTBEAT,
                ServerOptions.DEFAULT_HISTORY_SIZE, ServerOptions.DEFAULT_MAX_BODY_BYTES,
                ServerOptions.DEFAULT_MAX_HEADER_BYTES, ServerOptions.DEFAULT_MAX_PENDING_BYTES,
                ServerOptions.DEFAULT_DEMO_TOPIC);

        assertThatThrownBy(() -> HeraldServer.start(everywhere))
                .isInstanceOf(StartupException.class)
                .hasMessageContaining("refusing to listen on 0.0.0.0")
                .hasMessageContaining("--host 127.0.0.1");
    }

    @Test
    void aPortInUseIsReportedAsAStartupError() {
        try (RunningHub first = RunningHub.start()) {
            assertThatThrownBy(() -> HeraldServer.start(ServerOptions.defaults().withPort(first.port())))
                    .isInstanceOf(StartupException.class)
                    .hasMessageContaining("cannot listen on 127.0.0.1:" + first.port());
        }
    }
}
