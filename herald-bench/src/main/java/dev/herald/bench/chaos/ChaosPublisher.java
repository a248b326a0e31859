package dev.herald.bench.chaos;

import dev.herald.bench.internal.Loopback;
import dev.herald.bench.internal.Payload;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Publishes at a steady rate, round-robin over the nodes and the topics, and records the answer to every
 * publish by (topic, sequence number): acknowledged (200), refused (a 503 that says the update was not
 * stored, or a connection the node refused), or unknown (a timeout, a connection lost with the request
 * in flight, a 503 that says it may still have been stored): only the publisher's view of what the hub
 * owes its subscribers. A node that refused a connection is skipped for {@link #NODE_DOWN_MILLIS}, as a
 * load balancer's health check would.
 *
 * <p>Open loop: the schedule never waits for answers, so an outage shows as failed publishes, not as a
 * slower rate. Each publish has {@link #REQUEST_TIMEOUT} to be answered.
 */
final class ChaosPublisher implements AutoCloseable {

    /** Longer than Herald's Redis command timeout (2 s): a timeout here means the hub itself stalled. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);
    private static final long NODE_DOWN_MILLIS = 2_000;
    private static final String WARM_UP_TOPIC = "https://herald.local/chaos-warm-up";
    private static final int WARM_IN_A_ROW = 30;
    private static final long WARM_MILLIS = 50;

    /** How one publish ended. */
    enum Outcome { ACKNOWLEDGED, REFUSED, UNKNOWN }

    private final List<URI> publishUris = new ArrayList<>();
    private final List<String> encodedTopics = new ArrayList<>();
    private final int payloadBytes;
    private final long[] nodeDownUntil;
    private final ExecutorService httpThreads = Executors.newFixedThreadPool(2);
    private final HttpClient client;
    private final ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "chaos-publisher");
        thread.setDaemon(true);
        return thread;
    });
    private final Timeline timeline;
    /** Guarded by this. */
    private final long[] sent;
    private final BitSet[] acked;
    private final BitSet[] refused;
    private final BitSet[] unknown;
    private final Map<String, Long> answers = new TreeMap<>();
    /** Publishes in flight: their send times, to know when every publish sent before a moment was answered. */
    private final Map<Long, Long> inFlight = new ConcurrentHashMap<>();
    private final AtomicLong issued = new AtomicLong();
    private long nextNode;

    ChaosPublisher(List<URI> nodes, List<String> topics, int payloadBytes, Timeline timeline) {
        for (URI node : nodes) {
            Loopback.require(node.getHost());
            publishUris.add(node.resolve("/.well-known/mercure"));
        }
        topics.forEach(topic -> encodedTopics.add(URLEncoder.encode(topic, StandardCharsets.UTF_8)));
        this.payloadBytes = payloadBytes;
        this.nodeDownUntil = new long[nodes.size()];
        this.timeline = timeline;
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(httpThreads)
                .connectTimeout(Duration.ofSeconds(2)).build();
        sent = new long[topics.size()];
        acked = new BitSet[topics.size()];
        refused = new BitSet[topics.size()];
        unknown = new BitSet[topics.size()];
        for (int t = 0; t < topics.size(); t++) {
            acked[t] = new BitSet();
            refused[t] = new BitSet();
            unknown[t] = new BitSet();
        }
    }

    /**
     * Publishes to a topic nobody subscribes to, one at a time round the nodes, until {@value #WARM_IN_A_ROW}
     * in a row were acknowledged within {@value #WARM_MILLIS} ms, or {@code limit} passed (then returns
     * false). A fresh JVM's HTTP client takes seconds to answer its first requests on a loaded machine:
     * that is not what a run measures.
     */
    boolean warmUp(Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        int inARow = 0;
        for (int n = 0; inARow < WARM_IN_A_ROW && System.nanoTime() < deadline; n++) {
            HttpRequest request = HttpRequest.newBuilder(publishUris.get(n % publishUris.size())).timeout(REQUEST_TIMEOUT)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("topic=" + URLEncoder.encode(WARM_UP_TOPIC,
                            StandardCharsets.UTF_8) + "&data=warm-up")).build();
            long sentAt = System.nanoTime();
            try {
                int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                boolean quick = System.nanoTime() - sentAt < TimeUnit.MILLISECONDS.toNanos(WARM_MILLIS);
                inARow = status == 200 && quick ? inARow + 1 : 0;
            } catch (IOException e) {
                inARow = 0;
                Thread.sleep(100); // a node not ready yet: bounded by the deadline
            }
        }
        return inARow >= WARM_IN_A_ROW;
    }

    /** Starts publishing {@code rate} a second until {@link #stop}. */
    void start(double rate) {
        long periodNanos = (long) (1e9 / rate);
        pacer.scheduleAtFixedRate(this::publishOne, 0, periodNanos, TimeUnit.NANOSECONDS);
    }

    /** Stops the schedule and waits, at most the request timeout and a second, for the answers. */
    void stop() throws InterruptedException {
        pacer.shutdown();
        pacer.awaitTermination(5, TimeUnit.SECONDS);
        long deadline = System.nanoTime() + REQUEST_TIMEOUT.plusSeconds(1).toNanos();
        while (!inFlight.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10); // polling a map the HTTP client's threads empty: bounded by the deadline
        }
    }

    /** Sequence numbers sent so far, per topic: those below were sent before now. */
    synchronized long[] sentSoFar() {
        return sent.clone();
    }

    /** True while a publish sent before {@code nanos} (System.nanoTime) waits for its answer. */
    boolean answerPendingFrom(long nanos) {
        return inFlight.values().stream().anyMatch(sentAt -> sentAt - nanos < 0);
    }

    /** The acknowledged sequence numbers per topic, those below {@code limits} only (null: all). */
    synchronized BitSet[] acked(long[] limits) {
        BitSet[] copy = new BitSet[acked.length];
        for (int t = 0; t < acked.length; t++) {
            copy[t] = limits == null ? (BitSet) acked[t].clone() : acked[t].get(0, (int) limits[t]);
        }
        return copy;
    }

    synchronized BitSet[] refused() {
        return copies(refused);
    }

    synchronized BitSet[] unknown() {
        return copies(unknown);
    }

    /** Every answer by kind ("200", "503 with Retry-After: not stored", "timeout", ...), with counts. */
    synchronized Map<String, Long> answers() {
        return new TreeMap<>(answers);
    }

    private void publishOne() {
        long n = issued.getAndIncrement();
        int topic = (int) (n % encodedTopics.size());
        int node = chooseNode();
        long seq;
        synchronized (this) {
            seq = sent[topic]++;
        }
        String data = Payload.format(topic, seq, Payload.nowMicros(), payloadBytes, false);
        HttpRequest request = HttpRequest.newBuilder(publishUris.get(node)).timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("topic=" + encodedTopics.get(topic) + "&data="
                        + URLEncoder.encode(data, StandardCharsets.UTF_8)))
                .build();
        long key = ((long) topic << 40) | seq;
        long sentAt = System.nanoTime();
        inFlight.put(key, sentAt);
        client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, error) -> {
            try {
                if (error != null) {
                    failed(topic, seq, node, error);
                } else {
                    answered(topic, (int) seq, response);
                }
            } finally {
                inFlight.remove(key);
            }
        });
    }

    /** The next node in turn that is not known to be down (all down: the next one anyway). */
    private synchronized int chooseNode() {
        long now = System.currentTimeMillis();
        for (int tried = 0; tried < nodeDownUntil.length; tried++) {
            int node = (int) (nextNode++ % nodeDownUntil.length);
            if (nodeDownUntil[node] <= now) {
                return node;
            }
        }
        return (int) (nextNode++ % nodeDownUntil.length);
    }

    private synchronized void answered(int topic, int seq, HttpResponse<String> response) {
        int status = response.statusCode();
        if (status == 200) {
            acked[topic].set(seq);
            count("200", Outcome.ACKNOWLEDGED);
            return;
        }
        boolean retryAfter = response.headers().firstValue("Retry-After").isPresent();
        boolean mayBeStored = response.body().contains("may still have been stored");
        (mayBeStored ? unknown : refused)[topic].set(seq);
        count(status + (retryAfter ? " with Retry-After" : " without Retry-After")
                + (mayBeStored ? ": may still have been stored" : ": not stored"),
                mayBeStored ? Outcome.UNKNOWN : Outcome.REFUSED);
    }

    private synchronized void failed(int topic, long seq, int node, Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof ConnectException || cause instanceof HttpConnectTimeoutException) {
            // Nothing reached the node: certainly not stored. Skip it for a while.
            nodeDownUntil[node] = System.currentTimeMillis() + NODE_DOWN_MILLIS;
            refused[topic].set((int) seq);
            count("connection refused", Outcome.REFUSED);
        } else if (cause instanceof HttpTimeoutException) {
            unknown[topic].set((int) seq);
            count("no answer within " + REQUEST_TIMEOUT.toSeconds() + " s", Outcome.UNKNOWN);
        } else {
            unknown[topic].set((int) seq);
            count(cause instanceof IOException ? "connection lost in flight" : cause.getClass().getSimpleName(),
                    Outcome.UNKNOWN);
        }
    }

    private void count(String answer, Outcome outcome) {
        answers.merge(answer, 1L, Long::sum);
        timeline.published(outcome);
    }

    private static BitSet[] copies(BitSet[] sets) {
        BitSet[] copy = new BitSet[sets.length];
        for (int t = 0; t < sets.length; t++) {
            copy[t] = (BitSet) sets[t].clone();
        }
        return copy;
    }

    @Override
    public void close() {
        pacer.shutdownNow();
        httpThreads.shutdownNow();
    }
}
