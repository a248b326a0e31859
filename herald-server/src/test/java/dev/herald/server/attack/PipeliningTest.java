package dev.herald.server.attack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.server.support.HeraldProcess;
import dev.herald.server.support.HonestTraffic;
import dev.herald.server.support.HubMetrics;
import dev.herald.server.support.RawHttp;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A client that pipelines 10,000 {@code GET /metrics} and never reads the answers: the hub answers
 * while the connection is writable, then stops reading and holds the decoded requests; past the HTTP
 * decoder's limit of 128 unanswered requests it closes the connection with one client line (not an
 * ERROR with a stack trace). It holds at most a few MB meanwhile, and honest traffic loses nothing.
 */
class PipeliningTest {

    private static final int REQUESTS = 10_000;
    /** What the attack may cost in live heap; before backpressure it was ~23 MB. */
    private static final long MAX_HEAP_GROWTH = 4L * 1024 * 1024;

    private final HeraldProcess hub = HeraldProcess.start("--transport", "memory");
    private final HonestTraffic honest = HonestTraffic.start(hub);

    @AfterEach
    void stop() {
        honest.close();
        hub.close();
    }

    @Test
    void tenThousandPipelinedRequestsNeverReadCostAtMostAFewMegabytesAndAClientLine() throws Exception {
        honest.publish(2);
        long before = liveHeap();
        byte[] requests = "GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".repeat(REQUESTS)
                .getBytes(StandardCharsets.US_ASCII);
        try (Socket socket = RawHttp.connect(hub.uri("/"), "127.0.0.2")) {
            // Written from another thread: once the hub stops reading, this write blocks.
            CompletableFuture<Void> attack = CompletableFuture.runAsync(() -> {
                try {
                    socket.getOutputStream().write(requests);
                } catch (IOException closedByTheHub) {
                    // the hub closes the connection: fine
                }
            });
            honest.publish(5);
            await("the hub to refuse the pipeline").atMost(Duration.ofSeconds(10)).until(() -> hub.output().stream()
                    .anyMatch(line -> line.contains("client 127.0.0.2") && line.contains("maxPipelineDepth exceeded")));
            long during = liveHeap();

            assertThat(during - before).as("the live heap grew by %d bytes during the attack", during - before)
                    .isLessThan(MAX_HEAP_GROWTH);
            assertThat(RawHttp.closedWithin(socket, Duration.ofSeconds(10)))
                    .as("the hub closed the pipelining connection").isTrue();
            attack.get(10, TimeUnit.SECONDS);
        }
        honest.publish(3);
        honest.assertNothingLost();
        assertThat(HubMetrics.errorsAndStackTraces(hub)).as("pipelining is the client's doing, not the hub's error")
                .isEmpty();
    }

    @Test
    void aPipeliningClientThatReadsLateGetsEveryAnswerInOrder() throws Exception {
        int requests = 120; // below the decoder's limit of 128 unanswered requests
        String metrics = "GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
        String triple = metrics + metrics + "GET /nowhere HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
        try (Socket socket = RawHttp.connectSlowReader(hub.uri("/"), "127.0.0.2", 4096)) {
            // 80 metrics scrapes of ~13 KB each: beyond what the sockets buffer (measured: the hub then
            // leaves the rest unread in its receive queue), so it stops answering and reading until
            // this client reads.
            RawHttp.write(socket, triple.repeat(requests / 3));
            honest.publish(3);

            List<String> answers = RawHttp.readAnswers(socket, requests, Duration.ofSeconds(10));

            assertThat(answers).as("every pipelined request was answered, in order, once the client read")
                    .containsExactlyElementsOf(java.util.stream.IntStream.range(0, requests)
                            .mapToObj(i -> i % 3 < 2 ? "HTTP/1.1 200 OK" : "HTTP/1.1 404 Not Found").toList());
        }
        honest.publish(2);
        honest.assertNothingLost();
    }

    /** Heap in use after a full collection in the hub process (jcmd GC.run), per the hub's own /metrics. */
    private long liveHeap() throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process gc = new ProcessBuilder(jcmd.toString(), Long.toString(hub.process().pid()), "GC.run")
                .redirectErrorStream(true).start();
        gc.getInputStream().readAllBytes();
        assertThat(gc.waitFor(30, TimeUnit.SECONDS)).as("jcmd GC.run finished").isTrue();
        Map<String, Double> samples = HubMetrics.scrape(hub);
        return (long) samples.entrySet().stream()
                .filter(sample -> sample.getKey().startsWith("jvm_memory_used_bytes{") && sample.getKey().contains("area=\"heap\""))
                .mapToDouble(Map.Entry::getValue).sum();
    }
}
