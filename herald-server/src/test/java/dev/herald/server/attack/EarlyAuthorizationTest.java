package dev.herald.server.attack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.server.support.HeraldProcess;
import dev.herald.server.support.HonestTraffic;
import dev.herald.server.support.RawHttp;
import dev.herald.server.support.Tokens;
import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A publisher's token is checked on the request head: an unauthorized publish announcing 10 MB is
 * answered 401 before a byte of its body is sent, and the connection closed.
 */
class EarlyAuthorizationTest {

    private static final int TEN_MB = 10 * 1024 * 1024;
    private static final String NO_TOKEN = "{\"error\":\"publishing needs a token (Authorization: Bearer, "
            + "authorization query parameter or mercureAuthorization cookie)\"}";

    private final HeraldProcess hub = HeraldProcess.start("--transport", "memory", "--jwt-key", Tokens.SECRET,
            "--max-body-bytes", "16MiB");
    private final HonestTraffic honest = HonestTraffic.withPublisherToken(hub, Tokens.publisher("*"));

    @AfterEach
    void stop() {
        honest.close();
        hub.close();
    }

    @Test
    void anUnauthorizedMercurePublishIsAnswered401BeforeItsBodyIsSent() throws Exception {
        try (Socket socket = RawHttp.connect(hub.uri("/"), "127.0.0.2")) {
            RawHttp.write(socket, "POST /.well-known/mercure HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + TEN_MB + "\r\n\r\n");

            String answer = RawHttp.readUntilClosed(socket, Duration.ofSeconds(5));

            assertThat(RawHttp.statusLine(answer)).as("refused on its head alone").isEqualTo("HTTP/1.1 401 Unauthorized");
            assertThat(RawHttp.body(answer)).as("the same answer the endpoint gives").isEqualTo(NO_TOKEN);
        }
        honest.publish(3);
        honest.assertNothingLost();
    }

    /** Netty collects an h2c upgrade's body first: a large publish asking for it is served as HTTP/1.1. */
    @Test
    void anUnauthorizedPublishAskingForAnH2cUpgradeIsAnswered401BeforeItsBodyIsSent() throws Exception {
        try (Socket socket = RawHttp.connect(hub.uri("/"), "127.0.0.2")) {
            RawHttp.write(socket, "POST /.well-known/mercure HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Connection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\nHTTP2-Settings: AAMAAABkAAQCAAAAAAIAAAAA\r\n"
                    + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + TEN_MB + "\r\n\r\n");

            String answer = RawHttp.readUntilClosed(socket, Duration.ofSeconds(5));

            assertThat(RawHttp.statusLine(answer)).as("refused on its head alone, in HTTP/1.1")
                    .isEqualTo("HTTP/1.1 401 Unauthorized");
        }
        honest.publish(3);
        honest.assertNothingLost();
    }

    @Test
    void anUnauthorizedDemoPublishIsAnswered401BeforeItsBodyIsSent() throws Exception {
        try (Socket socket = RawHttp.connect(hub.uri("/"), "127.0.0.2")) {
            RawHttp.write(socket, "POST /send HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer forged\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + TEN_MB + "\r\n\r\n{\"message\": \"");

            String answer = RawHttp.readUntilClosed(socket, Duration.ofSeconds(5));

            assertThat(RawHttp.statusLine(answer)).as("refused on its head alone").isEqualTo("HTTP/1.1 401 Unauthorized");
        }
        honest.publish(3);
        honest.assertNothingLost();
    }

    @Test
    void anAuthorizedPublishStillReadsItsBody() throws IOException, InterruptedException {
        honest.publish(3);
        honest.assertNothingLost();
    }
}
