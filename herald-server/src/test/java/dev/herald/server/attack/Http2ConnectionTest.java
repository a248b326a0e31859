package dev.herald.server.attack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.server.support.HeraldProcess;
import dev.herald.server.support.HonestTraffic;
import dev.herald.server.support.HubMetrics;
import dev.herald.server.support.RawHttp;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * HTTP/2 connections by prior knowledge on raw sockets, against a real hub process: the hub announces
 * its stream limit, and closes a connection that keeps no stream open.
 */
class Http2ConnectionTest {

    private static final byte[] PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    /** An empty SETTINGS frame: length 0, type 4, no flags, stream 0. */
    private static final byte[] EMPTY_SETTINGS = {0, 0, 0, 4, 0, 0, 0, 0, 0};
    private static final int SETTINGS = 4;
    private static final int SETTINGS_MAX_CONCURRENT_STREAMS = 3;

    private final HeraldProcess hub = HeraldProcess.start("--transport", "memory", "--idle-timeout", "1s");
    private final HonestTraffic honest = HonestTraffic.start(hub);

    @AfterEach
    void stop() {
        honest.close();
        hub.close();
    }

    @Test
    void theHubAnnouncesAtMostOneHundredConcurrentStreams() throws IOException {
        try (Socket socket = openHttp2()) {
            Map<Integer, Long> settings = readServerSettings(socket);

            assertThat(settings).as("SETTINGS_MAX_CONCURRENT_STREAMS is set explicitly")
                    .containsEntry(SETTINGS_MAX_CONCURRENT_STREAMS, 100L);
        }
    }

    @Test
    void anHttp2ConnectionWithoutAStreamIsClosedAfterTheIdleTimeout() throws Exception {
        try (Socket socket = openHttp2()) {
            readServerSettings(socket);

            assertThat(RawHttp.closedWithin(socket, Duration.ofSeconds(5)))
                    .as("a connection that opens no stream is closed").isTrue();
        }
        honest.publish(3);
        honest.assertNothingLost();
        assertThat(HubMetrics.value(hub, "herald_timeouts_total{kind=\"idle\"}")).as("counted as idle")
                .isGreaterThanOrEqualTo(1);
    }

    private Socket openHttp2() throws IOException {
        Socket socket = RawHttp.connect(hub.uri("/"), "127.0.0.2");
        socket.getOutputStream().write(PREFACE);
        socket.getOutputStream().write(EMPTY_SETTINGS);
        socket.getOutputStream().flush();
        return socket;
    }

    /** The server's first frame, its SETTINGS, as identifier to value. */
    private static Map<Integer, Long> readServerSettings(Socket socket) throws IOException {
        socket.setSoTimeout(5_000);
        DataInputStream in = new DataInputStream(socket.getInputStream());
        byte[] header = new byte[9];
        in.readFully(header);
        int length = ((header[0] & 0xff) << 16) | ((header[1] & 0xff) << 8) | (header[2] & 0xff);
        assertThat(header[3]).as("the server speaks first with SETTINGS").isEqualTo((byte) SETTINGS);
        byte[] payload = new byte[length];
        in.readFully(payload);
        ByteBuffer entries = ByteBuffer.wrap(payload);
        Map<Integer, Long> settings = new HashMap<>();
        while (entries.remaining() >= 6) {
            settings.put(entries.getShort() & 0xffff, entries.getInt() & 0xffffffffL);
        }
        return settings;
    }
}
