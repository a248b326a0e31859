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

    private final WorkerPlan plan;
    private final ClientLoops loops;
    private final Map<EventLoop, LoopStats> stats = new IdentityHashMap<>();
    private final List<Subscriber> subscribers = new ArrayList<>();
    private final Queue<Channel> channels = new ConcurrentLinkedQueue<>();
    private final Semaphore connectPermits;
    private final CountDownLatch settled;
    private final AtomicInteger opened = new AtomicInteger();
    private final AtomicInteger closedByServer = new AtomicInteger();
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
        this.openedPerTopic = new AtomicLongArray(plan.topics().size());
        for (int i = 0; i < plan.subscribers(); i++) {
            int index = plan.firstSubscriber() + i;
            subscribers.add(new Subscriber(index, TopicPlan.topicsOf(index, plan.topics().size(), plan.topicsPerSubscriber())));
        }
    }

    /** Opens every subscription, at most {@code connectConcurrency} at a time; blocks until all settled. */
    public WorkerResult.Ready connect() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(plan.connectTimeoutMillis());
        InetSocketAddress remote = new InetSocketAddress(plan.host(), plan.port());
        InetSocketAddress local = plan.sourceAddress() == null ? null : new InetSocketAddress(plan.sourceAddress(), 0);
        String hostHeader = Loopback.hostHeader(plan.host(), plan.port());
        int started = 0;
        for (Subscriber subscriber : subscribers) {
            if (!connectPermits.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                break;
            }
            open(subscriber, remote, local, hostHeader);
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

    private void open(Subscriber subscriber, InetSocketAddress remote, InetSocketAddress local, String hostHeader) {
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
    public void opened(Subscriber subscriber) {
        for (int topic : subscriber.topics) {
            openedPerTopic.incrementAndGet(topic);
        }
        opened.incrementAndGet();
        connectPermits.release();
        settled.countDown();
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
