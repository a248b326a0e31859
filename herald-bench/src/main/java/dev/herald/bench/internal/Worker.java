package dev.herald.bench.internal;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.concurrent.EventExecutor;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * A slice of the subscribers, on a few event loops of one process: {@link #connect} opens them,
 * {@link #finish} waits until they received what was published (or the drain time ran out), closes
 * them and reports. Runs in a forked JVM ({@link WorkerMain}) or inside the coordinator (tests).
 */
public final class Worker implements SubscriberHandler.Events, AutoCloseable {

    /** How long the closes of a disconnect may take to reach their handlers: 10,000 closes take well under a second. */
    private static final long DISCONNECT_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final WorkerPlan plan;
    private final ClientLoops loops;
    private final Map<EventLoop, LoopStats> stats = new IdentityHashMap<>();
    private final List<Subscriber> subscribers = new ArrayList<>();
    private final Queue<Channel> channels = new ConcurrentLinkedQueue<>();
    private final Semaphore connectPermits;
    private final InetSocketAddress remote;
    private final InetSocketAddress local;
    private final String hostHeader;
    /** Counts down as each subscription of the current round (connect or reconnect) opens or fails for good. */
    private volatile CountDownLatch settled;
    /** While reconnecting: until when a 503 is retried (System.nanoTime); 0 outside a reconnect. */
    private volatile long retryUntilNanos;
    private final LongAdder retries = new LongAdder();
    private final AtomicInteger opened = new AtomicInteger();
    private final AtomicInteger closedByServer = new AtomicInteger();
    /** Subscribers whose stream opened again in the current reconnect. */
    private final AtomicInteger reopened = new AtomicInteger();
    private final Failures failures = new Failures();
    /** Open subscribers per topic index: what each acknowledged publish of a topic is due to reach. */
    private final AtomicLongArray openedPerTopic;
    private final LongAdder delivered = new LongAdder();
    private volatile boolean stopping;
    private long[] acked = new long[0];

    public Worker(WorkerPlan plan) {
        this.plan = plan;
        this.loops = new ClientLoops(plan.threads());
        for (EventExecutor executor : loops.group()) {
            stats.put((EventLoop) executor, new LoopStats());
        }
        this.connectPermits = new Semaphore(plan.connectConcurrency());
        this.settled = new CountDownLatch(plan.subscribers());
        this.remote = new InetSocketAddress(plan.host(), plan.port());
        this.local = plan.sourceAddress() == null ? null : new InetSocketAddress(plan.sourceAddress(), 0);
        this.hostHeader = Loopback.hostHeader(plan.host(), plan.port());
        this.openedPerTopic = new AtomicLongArray(plan.topics().size());
        for (int i = 0; i < plan.subscribers(); i++) {
            int index = plan.firstSubscriber() + i;
            subscribers.add(new Subscriber(index, TopicPlan.topicsOf(index, plan.topics().size(), plan.topicsPerSubscriber())));
        }
    }

    /** Opens every subscription, at most {@code connectConcurrency} at a time; blocks until all settled. */
    public WorkerResult.Ready connect() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(plan.connectTimeoutMillis());
        int started = 0;
        for (Subscriber subscriber : subscribers) {
            if (!connectPermits.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                break;
            }
            open(subscriber);
            started++;
        }
        boolean allSettled = settled.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        int neverTried = subscribers.size() - started;
        if (neverTried > 0 || !allSettled) {
            failures.add("not open within the connect timeout", settled.getCount());
        }
        int open = opened.get();
        return new WorkerResult.Ready(open, subscribers.size() - open, failures.snapshot(), 0);
    }

    /**
     * Closes every connection, as a hub that goes away would, keeping what each subscriber received
     * and the id of its last event; blocks until the closes were handled. Returns how many open
     * subscribers have a {@code Last-Event-ID} to reconnect with.
     */
    public WorkerResult.Disconnected disconnect() throws InterruptedException {
        stopping = true;
        List<Channel> closing = new ArrayList<>(channels);
        channels.clear();
        closing.forEach(Channel::close);
        // A channel's close future completes before its handler hears of it (channelInactive comes in a
        // later task of its loop), and the handler is what records the last event id: wait for that.
        long deadline = System.nanoTime() + DISCONNECT_TIMEOUT_NANOS;
        while (subscribers.stream().anyMatch(subscriber -> subscriber.connected) && System.nanoTime() < deadline) {
            Thread.sleep(5); // polling flags the loops set: bounded, and not what is measured
        }
        stopping = false;
        int withId = 0;
        for (Subscriber subscriber : subscribers) {
            if (subscriber.opened && subscriber.lastEventId != null) {
                withId++;
            }
        }
        return new WorkerResult.Disconnected(withId, 0);
    }

    /**
     * Reopens every subscriber whose stream had opened, with its {@code Last-Event-ID}, the starts
     * spread evenly over {@code spreadMillis} (a storm of clients that all lost the hub at once); a 503
     * is retried after its {@code Retry-After} (at least a second) until {@code retryMillis} from now.
     * Blocks until every one opened or failed for good, or {@code retryMillis} passed (the storm's
     * catch-up limit: a stream not open by then has not caught up either).
     */
    public WorkerResult.Reconnected reconnect(long spreadMillis, long retryMillis) throws InterruptedException {
        List<Subscriber> again = subscribers.stream().filter(subscriber -> subscriber.opened).toList();
        long start = System.nanoTime();
        long deadline = start + TimeUnit.MILLISECONDS.toNanos(retryMillis);
        int failuresBefore = failures.total();
        CountDownLatch round = new CountDownLatch(again.size());
        settled = round;
        reopened.set(0);
        retryUntilNanos = start + TimeUnit.MILLISECONDS.toNanos(retryMillis);
        for (int i = 0; i < again.size(); i++) {
            Subscriber subscriber = again.get(i);
            long delayNanos = again.size() <= 1 ? 0 : TimeUnit.MILLISECONDS.toNanos(spreadMillis) * i / again.size();
            loops.group().next().schedule(() -> open(subscriber), delayNanos, TimeUnit.NANOSECONDS);
        }
        boolean allSettled = round.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        retryUntilNanos = 0;
        if (!allSettled) {
            failures.add("not reopened within the catch-up limit", round.getCount());
        }
        return new WorkerResult.Reconnected(again.size(), reopened.get(), failures.total() - failuresBefore,
                failures.snapshot(), retries.sum(), 0);
    }

    private void open(Subscriber subscriber) {
        List<String> topics = new ArrayList<>(subscriber.topics.length);
        for (int topic : subscriber.topics) {
            topics.add(plan.topics().get(topic));
        }
        String target = plan.api().subscribeTarget(plan.subscribePath(), topics);
        SubscriberHandler[] handler = new SubscriberHandler[1];
        ChannelFuture connecting = loops.bootstrap().handler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel channel) {
                handler[0] = new SubscriberHandler(subscriber, target, hostHeader, plan.token(),
                        stats.get(channel.eventLoop()), Worker.this);
                channel.pipeline().addLast("subscriber", handler[0]);
            }
        }).connect(remote, local);
        channels.add(connecting.channel());
        connecting.addListener(done -> {
            if (done.isSuccess()) {
                return;
            }
            if (handler[0] != null) {
                handler[0].connectFailed(done.cause()); // initChannel ran at registration, on this loop
            } else {
                failed(subscriber, "no socket: " + done.cause().getMessage()); // e.g. out of file descriptors
            }
        });
    }

    /**
     * Waits up to {@code drainMillis} for every open subscriber to receive every acknowledged publish
     * of its topics; the connections stay open, so the hub can be measured before they close.
     */
    public WorkerResult.Drained drain(long[] ackedPerTopic, long drainMillis) throws InterruptedException {
        acked = ackedPerTopic.clone();
        long expected = 0;
        for (int topic = 0; topic < acked.length && topic < openedPerTopic.length(); topic++) {
            expected += acked[topic] * openedPerTopic.get(topic);
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(drainMillis);
        while (delivered.sum() < expected && System.nanoTime() < deadline) {
            Thread.sleep(5); // polling a counter: the measurement is in the histograms, not in this wait
        }
        return new WorkerResult.Drained(expected, delivered.sum(), 0);
    }

    /** Closes the connections and reports, against the publishes given to {@link #drain}. */
    public WorkerResult finish() {
        close();
        return Tally.of(subscribers, stats.values(), acked, opened.get(), closedByServer.get(), failures);
    }

    /** Closes every connection (not counted as closed by the server) and stops the loops. Idempotent. */
    @Override
    public void close() {
        stopping = true;
        for (Channel channel : channels) {
            channel.close();
        }
        for (Channel channel : channels) {
            channel.closeFuture().awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
        loops.close();
    }

    @Override
    public void opened(Subscriber subscriber, boolean first) {
        if (first) {
            for (int topic : subscriber.topics) {
                openedPerTopic.incrementAndGet(topic);
            }
            opened.incrementAndGet();
        } else {
            reopened.incrementAndGet();
        }
        connectPermits.release();
        settled.countDown();
    }

    @Override
    public boolean retryLater(Subscriber subscriber, int retryAfterSeconds) {
        long delayNanos = TimeUnit.SECONDS.toNanos(Math.max(1, retryAfterSeconds));
        if (retryUntilNanos == 0 || System.nanoTime() + delayNanos > retryUntilNanos) {
            return false; // not reconnecting, or too late: a failure like any other status
        }
        retries.increment();
        loops.group().next().schedule(() -> open(subscriber), delayNanos, TimeUnit.NANOSECONDS);
        return true;
    }

    @Override
    public void failed(Subscriber subscriber, String reason) {
        failures.add(reason, 1);
        connectPermits.release();
        settled.countDown();
    }

    @Override
    public void closedByServer(Subscriber subscriber) {
        closedByServer.incrementAndGet();
    }

    @Override
    public void delivered() {
        delivered.increment();
    }

    @Override
    public boolean stopping() {
        return stopping;
    }
}
