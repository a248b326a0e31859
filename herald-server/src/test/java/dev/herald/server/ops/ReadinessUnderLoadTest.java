package dev.herald.server.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.server.HistoryOptions;
import dev.herald.server.ServerOptions;
import dev.herald.server.support.RunningHub;
import dev.herald.server.support.SseRecorder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The other side of honest readiness: a healthy node under load never says it is not ready. Hubs
 * publish and deliver as fast as eight publishers and dozens of subscribers make them (on two cores
 * shared with the tests themselves, and with whatever else the machine runs), while /readyz is asked
 * every 25 ms: every answer must be 200 with the default --max-delivery-lag.
 */
class ReadinessUnderLoadTest {

    private static final int PUBLISHERS = 8;
    private static final int UPDATES_PER_PUBLISHER = 200;
    private static final int SUBSCRIBERS_PER_HUB = 20;
    private static final Duration WITHIN = Duration.ofSeconds(120);

    private final HttpClient prober = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final List<AutoCloseable> closing = new ArrayList<>();
    private final AtomicInteger probes = new AtomicInteger();
    private final List<String> notReady = new CopyOnWriteArrayList<>();

    @AfterEach
    void closeEverything() throws Exception {
        for (int i = closing.size() - 1; i >= 0; i--) {
            closing.get(i).close();
        }
    }

    @Test
    void twoLoadedNodesOnRedisStayReadyAllAlong() throws Exception {
        String prefix = "herald-test-" + UUID.randomUUID();
        HistoryOptions redis = HistoryOptions.redis(HistoryOptions.DEFAULT_REDIS_URI, prefix);
        RunningHub a = hub(ServerOptions.builder().history(redis).activeSubscriptions(false).build());
        RunningHub b = hub(ServerOptions.builder().history(redis).activeSubscriptions(false).build());

        loadWhileProbing(List.of(a, b));

        assertThat(notReady).as("no /readyz answer but 200 in %d probes", probes.get()).isEmpty();
    }

    @Test
    void aLoadedHubOnTheStoreStaysReadyAllAlong(@TempDir Path data) throws Exception {
        RunningHub hub = hub(ServerOptions.builder().history(HistoryOptions.store(data)).build());

        loadWhileProbing(List.of(hub));

        assertThat(notReady).as("no /readyz answer but 200 in %d probes", probes.get()).isEmpty();
    }

    /** Publishes on the hubs in turn, every update reaching every subscriber of every hub, while probing. */
    private void loadWhileProbing(List<RunningHub> hubs) throws Exception {
        List<SseRecorder> subscribers = new ArrayList<>();
        for (RunningHub hub : hubs) {
            for (int i = 0; i < SUBSCRIBERS_PER_HUB; i++) {
                subscribers.add(closed(hub.stream()));
            }
        }
        ScheduledExecutorService probing = Executors.newSingleThreadScheduledExecutor();
        ExecutorService publishing = Executors.newFixedThreadPool(PUBLISHERS);
        try {
            probing.scheduleAtFixedRate(() -> hubs.forEach(this::probe), 0, 25, TimeUnit.MILLISECONDS);
            List<Future<Object>> publishers = new ArrayList<>();
            for (int p = 0; p < PUBLISHERS; p++) {
                RunningHub target = hubs.get(p % hubs.size());
                int publisher = p;
                publishers.add(publishing.submit(() -> {
                    for (int n = 0; n < UPDATES_PER_PUBLISHER; n++) {
                        target.send("publisher " + publisher + " update " + n);
                    }
                    return null;
                }));
            }
            for (Future<Object> publisher : publishers) {
                publisher.get(WITHIN.toSeconds(), TimeUnit.SECONDS);
            }
            int total = PUBLISHERS * UPDATES_PER_PUBLISHER;
            await("every subscriber to get every update").atMost(WITHIN)
                    .until(() -> subscribers.stream().allMatch(subscriber -> subscriber.events().size() >= total));
        } finally {
            publishing.shutdownNow();
            probing.shutdownNow();
            assertThat(probing.awaitTermination(10, TimeUnit.SECONDS)).as("the prober stops").isTrue();
        }
        assertThat(probes.get()).as("probes while loaded").isGreaterThan(10);
    }

    private void probe(RunningHub hub) {
        try {
            HttpResponse<String> answer = prober.send(HttpRequest.newBuilder(hub.uri("/readyz"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            probes.incrementAndGet();
            if (answer.statusCode() != 200) {
                notReady.add(answer.statusCode() + " " + answer.body().strip());
            }
        } catch (InterruptedException stopping) {
            // shutdownNow() at the end of the load interrupts a probe in flight: the test is over, not the hub.
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            notReady.add("no answer: " + e); // a probe that times out counts as not ready, as for a load balancer
        }
    }

    private RunningHub hub(ServerOptions options) {
        return closed(RunningHub.start(options));
    }

    private <T extends AutoCloseable> T closed(T closeable) {
        closing.add(closeable);
        return closeable;
    }
}
