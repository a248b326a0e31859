package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.server.support.RunningHub;
import org.junit.jupiter.api.Test;

class StartupTest {

    @Test
    void refusesToListenBeyondLoopbackWithoutPublisherKeys() {
        ServerOptions everywhere = ServerOptions.builder().host("0.0.0.0").port(0).build();

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
