package dev.herald.server.attack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.server.support.HeraldProcess;
import dev.herald.server.support.HonestTraffic;
import dev.herald.server.support.HubMetrics;
import dev.herald.server.support.RawHttp;
import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Many connections from one address, or from a few, against a real hub process with small limits:
 * beyond a limit a connection is closed at accept, before a byte is read, and counted; other
 * addresses and the honest subscriber and publisher carry on.
 */
class ConnectionFloodTest {

    private static final String PER_ADDRESS = "20";
    private static final String REQUEST = "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";

    private final List<Socket> sockets = new ArrayList<>();
    private HeraldProcess hub;
    private HonestTraffic honest;

    @AfterEach
    void stop() throws IOException {
        for (Socket socket : sockets) {
            socket.close();
        }
        if (honest != null) {
            honest.close();
        }
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    void oneAddressGetsNoMoreThanItsConnectionsWhileOtherAddressesAreServed() throws Exception {
        hub = HeraldProcess.start("--transport", "memory", "--max-connections-per-address", PER_ADDRESS);
        honest = HonestTraffic.start(hub);
        honest.publish(2);

        for (int i = 0; i < Integer.parseInt(PER_ADDRESS); i++) {
            assertThat(answered(connect("127.0.0.2"))).as("connection %d of 127.0.0.2 is served", i + 1).isTrue();
        }
        Socket beyond = connect("127.0.0.2");
        RawHttp.write(beyond, REQUEST);

        assertThat(RawHttp.readUntilClosed(beyond, Duration.ofSeconds(5)))
                .as("the connection beyond the address's limit is closed without an answer").isEmpty();
        assertThat(answered(connect("127.0.0.3"))).as("another address is still served").isTrue();
        honest.publish(3);
        honest.assertNothingLost();
        assertThat(HubMetrics.value(hub, "herald_connections_refused_total{reason=\"address_full\"}"))
                .as("the refusal is counted").isEqualTo(1);
        assertThat(HubMetrics.errorsAndStackTraces(hub)).as("a flood is not the hub's error").isEmpty();
    }

    @Test
    void theNodeRefusesConnectionsBeyondItsLimitAndKeepsServingTheOnesItHolds() throws Exception {
        hub = HeraldProcess.start("--transport", "memory", "--max-connections", "8", "--max-streams", "4",
                "--max-connections-per-address", "4");
        honest = HonestTraffic.start(hub);
        honest.publish(2); // the subscriber's and the publisher's connections: 2 of 8
        for (int i = 0; i < 4; i++) {
            assertThat(answered(connect("127.0.0.2"))).as("connection %d of 127.0.0.2 is served", i + 1).isTrue();
        }
        for (int i = 0; i < 2; i++) {
            assertThat(answered(connect("127.0.0.3"))).as("connection %d of 127.0.0.3 is served", i + 1).isTrue();
        }

        Socket beyond = connect("127.0.0.4");
        RawHttp.write(beyond, REQUEST);

        assertThat(RawHttp.readUntilClosed(beyond, Duration.ofSeconds(5)))
                .as("a connection beyond the node's limit is closed without an answer").isEmpty();
        honest.publish(3);
        honest.assertNothingLost();
        for (Socket socket : sockets) {
            socket.close();
        }
        // Room again once the flood ends: a monitoring system's scrape is served and sees the refusal.
        await("a scrape once the flood ended").atMost(Duration.ofSeconds(10)).ignoreExceptions()
                .until(() -> HubMetrics.value(hub, "herald_connections_refused_total{reason=\"node_full\"}") >= 1);
    }

    private Socket connect(String from) {
        Socket socket = RawHttp.connect(hubUri(), from);
        sockets.add(socket);
        return socket;
    }

    private java.net.URI hubUri() {
        return hub.uri("/");
    }

    /** Sends one request on the connection and reads its answer's status line; the connection stays open. */
    private static boolean answered(Socket socket) throws IOException {
        RawHttp.write(socket, REQUEST);
        socket.setSoTimeout(5_000);
        byte[] head = new byte[15];
        int read = socket.getInputStream().readNBytes(head, 0, head.length);
        return read == head.length && new String(head, java.nio.charset.StandardCharsets.ISO_8859_1).equals("HTTP/1.1 200 OK");
    }
}
