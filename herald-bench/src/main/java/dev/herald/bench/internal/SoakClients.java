package dev.herald.bench.internal;

import dev.herald.bench.SoakOptions;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The soak's subscribers, all on one event loop of the tool, so that their state needs no locks:
 * <ul>
 *   <li>keepers hold one stream for the whole run;
 *   <li>cyclers close theirs every few seconds and resume with their Last-Event-ID;
 *   <li>stallers, on every topic, stop reading long enough to be cut as slow consumers, then read
 *       again, find the stream closed and resume with their Last-Event-ID;
 *   <li>churning subscriptions open fresh (no Last-Event-ID), hold briefly, close, and are forgotten.
 * </ul>
 * Keepers, cyclers and stallers are the readers: each tracks the sequence numbers of each of its
 * topics from the first publish on, across all its connections, so that at the end every one of them
 * must have received every acknowledged update it may see, once. Every stream that the hub ends, or
 * that fails, is opened again (a reader resumes from its last event id).
 */
public final class SoakClients implements AutoCloseable {

    /** What a subscriber does; see the class. */
    public enum Role { KEEPER, CYCLER, STALLER, CHURN }

    private enum Phase { RUNNING, DRAINING, STOPPING }

    /**
     * A staller's receive buffer: small, so that what it does not read waits in the hub (and counts
     * against the hub's pending-byte budget) rather than in the tool's kernel.
     */
    static final int STALLER_RECEIVE_BUFFER_BYTES = 16 * 1024;
    /** A reader whose stream the hub ended comes back after this; EventSource waits its retry (~3 s). */
    static final long RECONNECT_MILLIS = 250;
    /** A reader whose connection failed tries again after this. */
    static final long RETRY_FAILED_MILLIS = 1000;
    private static final long POLL_MILLIS = 50;

    private final SoakOptions options;
    private final List<String> topics;
    private final String token;
    private final InetSocketAddress remote;
    private final String hostHeader;
    /** One loop: every connection is registered on it, so all the state below is confined to its thread. */
    private final ClientLoops loops = new ClientLoops(1);
    private final EventLoop loop = loops.group().next();
    private final List<Reader> readers = new ArrayList<>();
    private final Map<Role, RoleTally> tallies = new EnumMap<>(Role.class);
    /** Loop-confined: every channel not yet closed, so that the end can close them all. */
    private final Set<Channel> channels = new HashSet<>();
    private final SplittableRandom random;
    private final AtomicInteger openConnections = new AtomicInteger();
    private final CountDownLatch firstOpen;
    private volatile Phase phase = Phase.RUNNING;
    private ScheduledFuture<?> churnTimer;
    private int churned;

    /**
     * @param topics the run's topics; the last {@link SoakOptions#privateTopics()} are private
     * @param token a subscriber JWT granting the private topics, sent by half the readers and all stallers
     */
    public SoakClients(SoakOptions options, String host, int port, List<String> topics, String token, long seed) {
        this.options = options;
        this.topics = List.copyOf(topics);
        this.token = token;
        this.remote = new InetSocketAddress(host, port);
        this.hostHeader = Loopback.hostHeader(host, port);
        this.random = new SplittableRandom(seed);
        for (Role role : Role.values()) {
            tallies.put(role, new RoleTally(role));
        }
        int[] every = java.util.stream.IntStream.range(0, topics.size()).toArray();
        for (int index = 0; index < options.keepers() + options.cyclers() + options.stallers(); index++) {
            Role role = index < options.keepers() ? Role.KEEPER : index < options.keepers() + options.cyclers() ? Role.CYCLER
                    : Role.STALLER;
            readers.add(role == Role.STALLER ? new Reader(role, index, every, true) : new Reader(role, index,
                    TopicPlan.topicsOf(index, topics.size(), options.topicsPerReader()), index % 2 == 0));
        }
        this.firstOpen = new CountDownLatch(readers.size());
    }

    /** Opens every reader's stream; blocks until each opened or failed once, at most {@code timeout}. */
    public int start(Duration timeout) throws InterruptedException {
        loop.execute(() -> readers.forEach(this::open));
        firstOpen.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        return onLoop(() -> (int) readers.stream().filter(reader -> reader.subscriber.opened).count());
    }

    /** Starts the churn: {@link SoakOptions#churnPerSecond()} fresh subscriptions a second. */
    public void startChurn() {
        if (options.churnPerSecond() <= 0) {
            return;
        }
        long periodNanos = (long) (1e9 / options.churnPerSecond());
        loop.execute(() -> churnTimer = loop.scheduleAtFixedRate(this::churnOne, 0, periodNanos, TimeUnit.NANOSECONDS));
    }

    /** The tool's connections to the hub that are open now (streams, churn included; publishers not). */
    public int openConnections() {
        return openConnections.get();
    }

    /**
     * Publishing ended: stops the churn, the cycles and the stalls (stalled readers read again) and
     * waits up to {@code limit} until every reader received every update acknowledged on its topics.
     * Returns the deliveries still missing then.
     */
    public long drain(long[] ackedPerTopic, Duration limit) throws InterruptedException {
        onLoop(() -> {
            phase = Phase.DRAINING;
            if (churnTimer != null) {
                churnTimer.cancel(false);
            }
            for (Reader reader : readers) {
                if (reader.stream != null && reader.stream.stalled) {
                    wake(reader.stream);
                }
            }
            return null;
        });
        long deadline = System.nanoTime() + limit.toNanos();
        long missing;
        while ((missing = onLoop(() -> missing(ackedPerTopic))) > 0 && System.nanoTime() < deadline) {
            Thread.sleep(POLL_MILLIS); // polling a count the loop keeps: bounded by the drain limit
        }
        return missing;
    }

    /** Closes every connection and tallies what each kind of subscriber did, against what was acknowledged. */
    public List<RoleTally.Result> finish(long[] ackedPerTopic) throws InterruptedException {
        close();
        List<RoleTally.Result> results = new ArrayList<>();
        for (Role role : Role.values()) {
            List<Reader> ofRole = readers.stream().filter(reader -> reader.role == role).toList();
            results.add(tallies.get(role).result(ofRole.size(), ofRole.stream().map(reader -> reader.subscriber).toList(),
                    ofRole.stream().map(reader -> reader.authorized).toList(), ackedPerTopic, firstPrivate()));
        }
        return results;
    }

    /** Closes every connection and stops the loop. Idempotent. */
    @Override
    public void close() {
        phase = Phase.STOPPING;
        if (!loop.isShuttingDown()) {
            List<ChannelFuture> closing = new ArrayList<>();
            try {
                loop.submit(() -> List.copyOf(channels).forEach(channel -> closing.add(channel.close())))
                        .await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            closing.forEach(future -> future.awaitUninterruptibly(5, TimeUnit.SECONDS));
        }
        loops.close();
    }

    private long missing(long[] acked) {
        long missing = 0;
        for (Reader reader : readers) {
            for (int i = 0; i < reader.subscriber.topics.length; i++) {
                long due = RoleTally.due(acked, reader.subscriber.topics[i], reader.authorized, firstPrivate());
                missing += Math.max(0, due - reader.subscriber.trackers[i].unique());
            }
        }
        return missing;
    }

    private int firstPrivate() {
        return topics.size() - options.privateTopics();
    }

    private void churnOne() {
        int index = readers.size() + churned++;
        Reader reader = new Reader(Role.CHURN, index, TopicPlan.topicsOf(index, topics.size(), options.topicsPerReader()),
                index % 2 == 0);
        open(reader);
    }

    /** Opens the reader's next stream (with its Last-Event-ID, once it has one); on the loop. */
    private void open(Reader reader) {
        if (phase == Phase.STOPPING) {
            return;
        }
        if (reader.subscriber.connected) {
            // The last stream's close has not reached its handler yet, which records the last event id.
            loop.schedule(() -> open(reader), 5, TimeUnit.MILLISECONDS);
            return;
        }
        List<String> named = new ArrayList<>();
        for (int topic : reader.subscriber.topics) {
            named.add(topics.get(topic));
        }
        Stream stream = new Stream(reader);
        reader.stream = stream;
        SubscriberHandler handler = new SubscriberHandler(reader.subscriber, dev.herald.bench.Api.MERCURE.subscribeTarget(
                "/.well-known/mercure", named), hostHeader, reader.authorized ? token : null, tallies.get(reader.role).stats,
                stream);
        var bootstrap = loops.bootstrap().handler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel channel) {
                channel.pipeline().addLast("subscriber", handler);
            }
        });
        if (reader.role == Role.STALLER) {
            bootstrap.option(ChannelOption.SO_RCVBUF, STALLER_RECEIVE_BUFFER_BYTES);
        }
        ChannelFuture connecting = bootstrap.connect(remote);
        stream.channel = connecting.channel();
        channels.add(stream.channel);
        connecting.addListener(done -> {
            if (done.isSuccess()) {
                openConnections.incrementAndGet();
                stream.channel.closeFuture().addListener(closed -> openConnections.decrementAndGet());
            } else {
                handler.connectFailed(done.cause());
            }
        });
        stream.channel.closeFuture().addListener(closed -> {
            channels.remove(stream.channel);
            stream.cancelTimer();
        });
    }

    private void cycle(Stream stream) {
        if (phase != Phase.RUNNING || !stream.channel.isActive()) {
            return;
        }
        if (!receivedAny(stream.reader)) {
            // No event yet, so no id to resume from: closing now would lose what is published while away.
            stream.timer = loop.schedule(() -> cycle(stream), around(options.cycleHold()), TimeUnit.MILLISECONDS);
            return;
        }
        stream.byUs = true;
        stream.channel.close();
        tallies.get(stream.reader.role).cycles++;
        long awayMillis = options.cycleAway().isZero() ? 0 : random.nextLong(options.cycleAway().toMillis() + 1);
        loop.schedule(() -> open(stream.reader), awayMillis, TimeUnit.MILLISECONDS);
    }

    private void stall(Stream stream) {
        if (phase != Phase.RUNNING || !stream.channel.isActive()) {
            return;
        }
        if (!receivedAny(stream.reader)) {
            stream.timer = loop.schedule(() -> stall(stream), options.stallAwake().toMillis(), TimeUnit.MILLISECONDS);
            return;
        }
        stream.stalled = true;
        stream.channel.config().setAutoRead(false);
        tallies.get(Role.STALLER).stalls++;
        stream.timer = loop.schedule(() -> wake(stream), options.stall().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Reads again: what waited is read, and a stream the hub cut ends once its last bytes are. */
    private void wake(Stream stream) {
        stream.cancelTimer();
        stream.stalled = false;
        stream.channel.config().setAutoRead(true);
        if (phase == Phase.RUNNING) {
            stream.timer = loop.schedule(() -> stall(stream), options.stallAwake().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void settle(Reader reader) {
        if (reader.role != Role.CHURN && !reader.settled) {
            reader.settled = true;
            firstOpen.countDown();
        }
    }

    /** Whether the reader received an event, on any connection: then it has an id to resume from. */
    private static boolean receivedAny(Reader reader) {
        for (SequenceTracker tracker : reader.subscriber.trackers) {
            if (tracker.unique() > 0) {
                return true;
            }
        }
        return false;
    }

    /** A duration drawn evenly from half to one and a half times {@code around}. */
    private long around(Duration around) {
        long millis = around.toMillis();
        return millis / 2 + random.nextLong(millis + 1);
    }

    private <T> T onLoop(java.util.concurrent.Callable<T> task) throws InterruptedException {
        try {
            return loop.submit(task).get(10, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the subscribers' event loop failed or is stuck", e);
        }
    }

    /** A subscriber of the run and what it kept across its connections. */
    private static final class Reader {
        final Role role;
        final Subscriber subscriber;
        final boolean authorized;
        Stream stream;
        /** Its first attempt settled (opened or failed): counted once towards {@link #start}. */
        boolean settled;

        Reader(Role role, int index, int[] topics, boolean authorized) {
            this.role = role;
            this.subscriber = new Subscriber(index, topics);
            this.authorized = authorized;
        }
    }

    /** One connection of a reader: what its handler tells, and what the reader does next. */
    private final class Stream implements SubscriberHandler.Events {
        final Reader reader;
        Channel channel;
        /** The tool closed it (a cycle, a churn's end): no one's failure, nothing to reopen here. */
        boolean byUs;
        boolean stalled;
        ScheduledFuture<?> timer;

        Stream(Reader reader) {
            this.reader = reader;
        }

        void cancelTimer() {
            if (timer != null) {
                timer.cancel(false);
                timer = null;
            }
        }

        @Override
        public void opened(Subscriber subscriber, boolean first) {
            RoleTally tally = tallies.get(reader.role);
            tally.opened++;
            if (!first) {
                tally.reopened++;
            }
            settle(reader);
            switch (reader.role) {
                case CYCLER -> timer = loop.schedule(() -> cycle(this), around(options.cycleHold()), TimeUnit.MILLISECONDS);
                case STALLER -> timer = loop.schedule(() -> stall(this), options.stallAwake().toMillis(), TimeUnit.MILLISECONDS);
                case CHURN -> timer = loop.schedule(() -> {
                    byUs = true;
                    channel.close();
                }, random.nextLong(options.churnHold().toMillis() + 1), TimeUnit.MILLISECONDS);
                case KEEPER -> { }
            }
        }

        @Override
        public boolean retryLater(Subscriber subscriber, int retryAfterSeconds) {
            if (reader.role == Role.CHURN || phase == Phase.STOPPING) {
                return false;
            }
            tallies.get(reader.role).retries++;
            loop.schedule(() -> open(reader), Math.max(1, retryAfterSeconds), TimeUnit.SECONDS);
            return true;
        }

        @Override
        public void failed(Subscriber subscriber, String reason) {
            if (phase == Phase.STOPPING) {
                return; // the tool closed it before its answer came: the run is over, no one failed
            }
            // A resume that fails (the hub cut it while it read the history, before any answer) is retried
            // like any other end; whether the reader kept up shows in its deliveries.
            (subscriber.opened ? tallies.get(reader.role).resumeFailures : tallies.get(reader.role).failures).add(reason, 1);
            settle(reader);
            if (reader.role != Role.CHURN) {
                loop.schedule(() -> open(reader), RETRY_FAILED_MILLIS, TimeUnit.MILLISECONDS);
            }
        }

        @Override
        public void closedByServer(Subscriber subscriber) {
            cancelTimer();
            tallies.get(reader.role).serverCloses++;
            if (reader.role != Role.CHURN) {
                loop.schedule(() -> open(reader), RECONNECT_MILLIS, TimeUnit.MILLISECONDS);
            }
        }

        @Override
        public void delivered() {
            // counted by the trackers; the drain reads them on the loop
        }

        @Override
        public boolean stopping() {
            return byUs || phase == Phase.STOPPING;
        }
    }
}
