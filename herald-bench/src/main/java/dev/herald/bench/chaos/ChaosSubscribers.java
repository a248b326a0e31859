package dev.herald.bench.chaos;

import dev.herald.bench.internal.ClientLoops;
import dev.herald.bench.internal.Loopback;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The run's subscribers, spread over the nodes (subscriber i starts on node i mod n), on a few event
 * loops. A connection that ends, fails or is refused is made again after a delay, to the next node,
 * with the subscriber's Last-Event-ID: what an EventSource behind a load balancer does when its node
 * dies. A 503 is retried after its Retry-After; anything else after the reconnect delay plus up to as
 * much again of jitter, so a thousand clients of a dead node do not all come back in the same
 * millisecond.
 */
final class ChaosSubscribers implements ChaosConnection.Events, AutoCloseable {

    private final List<InetSocketAddress> nodes = new ArrayList<>();
    private final List<String> hostHeaders = new ArrayList<>();
    private final List<String> targets = new ArrayList<>();
    private final List<ChaosSubscriber> subscribers = new ArrayList<>();
    private final long reconnectDelayMillis;
    private final ClientLoops loops = new ClientLoops(2);
    private final LongAdder deliveries = new LongAdder();
    private final LongAdder reconnects = new LongAdder();
    private final Map<String, LongAdder> refusals = new ConcurrentHashMap<>();
    private final Map<ChaosSubscriber, ChaosConnection> connections = new ConcurrentHashMap<>();
    private volatile CountDownLatch firstOpen;
    private volatile boolean stopping;

    ChaosSubscribers(List<URI> nodeUris, List<String> topics, int count, long reconnectDelayMillis) {
        for (URI uri : nodeUris) {
            Loopback.require(uri.getHost());
            nodes.add(new InetSocketAddress(uri.getHost(), uri.getPort()));
            hostHeaders.add(Loopback.hostHeader(uri.getHost(), uri.getPort()));
        }
        for (String topic : topics) {
            targets.add("/.well-known/mercure?topic=" + URLEncoder.encode(topic, StandardCharsets.UTF_8));
        }
        for (int i = 0; i < count; i++) {
            subscribers.add(new ChaosSubscriber(i, i % topics.size(), i % nodeUris.size()));
        }
        this.reconnectDelayMillis = reconnectDelayMillis;
    }

    /**
     * Opens every subscription, {@code perSecond} a second at most (a hub's accept queue and the tool's
     * loops stay calm); returns how many opened within {@code timeoutMillis}.
     */
    int connect(int perSecond, long timeoutMillis) throws InterruptedException {
        firstOpen = new CountDownLatch(subscribers.size());
        long start = System.nanoTime();
        for (ChaosSubscriber subscriber : subscribers) {
            long due = start + TimeUnit.SECONDS.toNanos(subscriber.index) / perSecond;
            loops.group().next().schedule(() -> open(subscriber), Math.max(0, due - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
        firstOpen.await(timeoutMillis, TimeUnit.MILLISECONDS);
        return subscribers.size() - (int) firstOpen.getCount();
    }

    /**
     * Closes the connections of every {@code every}-th subscriber (from the side, as a flaky network
     * would); each reconnects after the delay with its Last-Event-ID. Returns how many were closed.
     */
    int dropEvery(int every) {
        int dropped = 0;
        for (ChaosSubscriber subscriber : subscribers) {
            ChaosConnection connection = connections.get(subscriber);
            if (subscriber.index % every == 0 && connection != null && subscriber.isOpen()) {
                Channel channel = subscriber.channel();
                if (channel != null) {
                    channel.eventLoop().execute(connection::closeByTool);
                    dropped++;
                }
            }
        }
        return dropped;
    }

    /** True when every subscriber has every sequence number of {@code ackedPerTopic} for its topic. */
    boolean allHave(BitSet[] ackedPerTopic) {
        for (ChaosSubscriber subscriber : subscribers) {
            if (!subscriber.hasAll(ackedPerTopic[subscriber.topic])) {
                return false;
            }
        }
        return true;
    }

    int openStreams() {
        int count = 0;
        for (ChaosSubscriber subscriber : subscribers) {
            if (subscriber.isOpen()) {
                count++;
            }
        }
        return count;
    }

    long deliveries() {
        return deliveries.sum();
    }

    long reconnects() {
        return reconnects.sum();
    }

    List<ChaosSubscriber> subscribers() {
        return subscribers;
    }

    Map<String, Long> refusals() {
        Map<String, Long> copy = new TreeMap<>();
        refusals.forEach((reason, count) -> copy.put(reason, count.sum()));
        return copy;
    }

    private void open(ChaosSubscriber subscriber) {
        if (stopping) {
            return;
        }
        int node = subscriber.node();
        ChaosConnection connection = new ChaosConnection(subscriber, targets.get(subscriber.topic), hostHeaders.get(node), this);
        connections.put(subscriber, connection);
        ChannelFuture connecting = loops.bootstrap().handler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel channel) {
                channel.pipeline().addLast("chaos-subscriber", connection);
            }
        }).connect(nodes.get(node));
        subscriber.connecting(connecting.channel());
        connecting.addListener(done -> {
            if (!done.isSuccess()) {
                connection.connectFailed(done.cause());
            }
        });
    }

    @Override
    public void opened(ChaosSubscriber subscriber) {
        CountDownLatch latch = firstOpen;
        if (latch != null && subscriber.tally().opens() == 1) {
            latch.countDown();
        }
    }

    @Override
    public void refused(ChaosSubscriber subscriber, int status, int retryAfterSeconds) {
        count("HTTP " + status + (retryAfterSeconds >= 0 ? " with Retry-After" : ""));
        long delay = retryAfterSeconds > 0 ? TimeUnit.SECONDS.toMillis(retryAfterSeconds) : jittered();
        again(subscriber, delay);
    }

    @Override
    public void lost(ChaosSubscriber subscriber, String why) {
        if (stopping) {
            return;
        }
        if (why.startsWith("connect")) {
            count(why);
        }
        again(subscriber, jittered());
    }

    @Override
    public void delivered() {
        deliveries.increment();
    }

    private void again(ChaosSubscriber subscriber, long delayMillis) {
        if (stopping) {
            return;
        }
        reconnects.increment();
        subscriber.nextNode(nodes.size());
        loops.group().next().schedule(() -> open(subscriber), delayMillis, TimeUnit.MILLISECONDS);
    }

    private long jittered() {
        return reconnectDelayMillis + ThreadLocalRandom.current().nextLong(reconnectDelayMillis + 1);
    }

    private void count(String reason) {
        refusals.computeIfAbsent(reason, any -> new LongAdder()).increment();
    }

    /** Stops reconnecting and closes every connection. */
    @Override
    public void close() {
        stopping = true;
        for (ChaosConnection connection : connections.values()) {
            connection.closeByTool();
        }
        loops.close();
    }
}
