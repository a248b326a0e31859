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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Clients that send slowly or not at all, against a real hub process with short deadlines: their
 * connections are closed on time while an honest subscriber and publisher lose nothing.
 */
class SlowClientTest {

    private static final int SLOW_CLIENTS = 50;

    private final HeraldProcess hub = HeraldProcess.start("--transport", "memory",
            "--header-timeout", "1s", "--body-timeout", "1s", "--idle-timeout", "2s");
    private final HonestTraffic honest = HonestTraffic.start(hub);
    private final ScheduledExecutorService trickle = Executors.newScheduledThreadPool(2);
    private final List<Socket> sockets = new ArrayList<>();

    @AfterEach
    void stop() throws IOException {
        trickle.shutdownNow();
        for (Socket socket : sockets) {
            socket.close();
        }
        honest.close();
        hub.close();
    }

    @Test
    void connectionsThatSendTheirHeadOneByteAtATimeAreClosedAfterTheHeaderTimeout() throws Exception {
        for (int i = 0; i < SLOW_CLIENTS; i++) {
            Socket socket = RawHttp.connect(hub.uri("/"), "127.0.0.2");
            sockets.add(socket);
            RawHttp.write(socket, "G");
            // One more header byte every 200 ms: never idle, never a complete head (slowloris).
            trickle.scheduleAtFixedRate(() -> {
                try {
                    RawHttp.write(socket, "X");
                } catch (IOException closedByTheHub) {
                    // expected once the deadline passed
                }
            }, 200, 200, TimeUnit.MILLISECONDS);
        }
        honest.publish(5);

        List<CompletableFuture<Boolean>> closed = sockets.stream()
                .map(socket -> CompletableFuture.supplyAsync(() -> RawHttp.closedWithin(socket, Duration.ofSeconds(10))))
                .toList();
        assertThat(closed).as("every slowloris connection was closed by the hub, though it kept sending")
                .allSatisfy(future -> assertThat(future.get()).isTrue());

        honest.publish(5);
        honest.assertNothingLost();
        assertThat(HubMetrics.value(hub, "herald_timeouts_total{kind=\"header\"}"))
                .as("each closed connection counts as a header timeout").isEqualTo(SLOW_CLIENTS);
        assertThat(HubMetrics.errorsAndStackTraces(hub)).as("slow clients are not the hub's errors").isEmpty();
    }

    @Test
    void aRequestBodyThatStopsArrivingIsAnswered408AndTheConnectionClosed() throws Exception {
        Socket socket = RawHttp.connect(hub.uri("/"), "127.0.0.2");
        sockets.add(socket);
        RawHttp.write(socket, "POST /send HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Content-Length: 100\r\n\r\n{\"message\": \"and then noth");

        String answer = RawHttp.readUntilClosed(socket, Duration.ofSeconds(5));

        assertThat(RawHttp.statusLine(answer)).as("a stalled body is answered 408").isEqualTo("HTTP/1.1 408 Request Timeout");
        honest.publish(3);
        honest.assertNothingLost();
        assertThat(HubMetrics.value(hub, "herald_timeouts_total{kind=\"body\"}")).as("counted as a body timeout")
                .isEqualTo(1);
    }

    @Test
    void aKeepAliveConnectionWithoutARequestIsClosedAfterTheIdleTimeoutButStreamsStayOpen() throws Exception {
        Socket socket = RawHttp.connect(hub.uri("/"), "127.0.0.2");
        sockets.add(socket);
        RawHttp.write(socket, "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");

        String answers = RawHttp.readUntilClosed(socket, Duration.ofSeconds(6));

        assertThat(RawHttp.statusLine(answers)).as("the request was answered").isEqualTo("HTTP/1.1 200 OK");
        await("the idle close to be counted").atMost(Duration.ofSeconds(5))
                .until(() -> HubMetrics.value(hub, "herald_timeouts_total{kind=\"idle\"}") >= 1);
        // The honest stream was opened before the idle connection and outlived it.
        honest.publish(3);
        honest.assertNothingLost();
    }
}
