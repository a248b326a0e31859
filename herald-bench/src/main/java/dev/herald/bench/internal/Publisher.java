package dev.herald.bench.internal;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseDecoder;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Publishes on a few keep-alive connections, all on one event loop so its state needs no locks:
 * either open-loop at a fixed rate ({@link #openLoop}: the schedule does not wait for answers, so a
 * slow hub shows as latency, not as a lower rate) or closed-loop ({@link #closedLoop}: each connection
 * sends its next request when the previous one is answered, measuring throughput).
 */
public final class Publisher implements PublishConnection.Listener, AutoCloseable {

    /** A publish sent this much after its scheduled time counts as late. */
    static final long LATE_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final PublishPlan plan;
    private final ClientLoops loops = new ClientLoops(1);
    private final EventLoop loop = loops.group().next();
    private final List<PublishConnection> connections = new ArrayList<>();
    private final ArrayDeque<PublishConnection> idle = new ArrayDeque<>();
    private final String hostHeader;
    private final PublishRequests requests;
    private final PublishTally tally;
    /** Completed when the current run (one call of a loop or fill) ended; replaced, on the loop, per run. */
    private CompletableFuture<PublishResult> done = new CompletableFuture<>();
    private Pacing pacing;

    /** Decides, on the loop, what to send next; one implementation per loop kind. */
    private interface Pacing {
        /** Called once on the loop when publishing begins. */
        void start();

        void pump();

        boolean finished();
    }

    public Publisher(PublishPlan plan) {
        this.plan = plan;
        this.hostHeader = Loopback.hostHeader(plan.host(), plan.port());
        this.tally = new PublishTally(plan.topics().size());
        this.requests = new PublishRequests(plan, hostHeader);
    }

    /** Opens the connections; throws when none opens. */
    public void connect(Duration timeout) {
        List<ChannelFuture> opening = new ArrayList<>();
        for (int i = 0; i < plan.connections(); i++) {
            PublishConnection connection = new PublishConnection(this);
            opening.add(loops.bootstrap().handler(new ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(SocketChannel channel) {
                    // Requests go out already framed (PublishRequests); only responses need a codec.
                    channel.pipeline().addLast("http", new HttpResponseDecoder())
                            .addLast("aggregate", new HttpObjectAggregator(64 * 1024))
                            .addLast("publish", connection);
                }
            }).connect(plan.host(), plan.port()));
            connections.add(connection);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        Throwable lastFailure = null;
        List<PublishConnection> open = new ArrayList<>();
        for (int i = 0; i < opening.size(); i++) {
            ChannelFuture future = opening.get(i);
            future.awaitUninterruptibly(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (future.isSuccess()) {
                open.add(connections.get(i));
            } else {
                lastFailure = future.cause();
            }
        }
        if (open.isEmpty()) {
            throw new IllegalStateException("no publishing connection to " + hostHeader + " opened: " + lastFailure, lastFailure);
        }
        run(() -> idle.addAll(open));
    }

    /**
     * Publishes {@code rate × (warmup + duration)} updates on schedule, the first {@code rate × warmup}
     * marked as warm-up; waits at most {@code answerTimeout} after the last.
     */
    public PublishResult openLoop(double rate, Duration warmup, Duration duration, Duration answerTimeout)
            throws InterruptedException {
        long warmupCount = (long) Math.floor(rate * warmup.toNanos() / 1e9);
        long total = warmupCount + Math.max(1, (long) Math.floor(rate * duration.toNanos() / 1e9));
        return runPacing(new OpenLoop(rate, warmupCount, total), warmup.plus(duration).plus(answerTimeout));
    }

    /**
     * Sends back to back on every connection for {@code warmup + duration}, marking what is sent in the
     * warm-up; waits at most {@code answerTimeout} after.
     */
    public PublishResult closedLoop(Duration warmup, Duration duration, Duration answerTimeout) throws InterruptedException {
        return runPacing(new ClosedLoop(warmup, duration), warmup.plus(duration).plus(answerTimeout));
    }

    /**
     * Sends exactly {@code count} publishes back to back on every connection (none marked as warm-up),
     * then waits for their answers; gives up after {@code limit}, reporting what was answered by then.
     * May be called again: the counts and sequence numbers go on from the previous run, so the result
     * is cumulative.
     */
    public PublishResult fill(long count, Duration limit) throws InterruptedException {
        return runPacing(new Counted(count), limit);
    }

    private PublishResult runPacing(Pacing newPacing, Duration limit) throws InterruptedException {
        CompletableFuture<PublishResult> thisRun = new CompletableFuture<>();
        run(() -> {
            done = thisRun;
            pacing = newPacing;
            tally.start();
            pacing.start();
        });
        try {
            return thisRun.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return snapshot(); // answers still missing: report what we have
        } catch (ExecutionException e) {
            throw new IllegalStateException("publishing failed", e.getCause());
        }
    }

    private PublishResult snapshot() throws InterruptedException {
        try {
            return loop.submit(() -> tally.result(tally.inFlight())).get(5, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the publisher's event loop is stuck", e);
        }
    }

    @Override
    public void answered(PublishConnection connection, int status) {
        tally.answered(connection.topic, status, connection.stampMicros, connection.warmup);
        idle.add(connection);
        pump();
    }

    @Override
    public void lost(PublishConnection connection, boolean inFlight) {
        idle.remove(connection);
        connections.remove(connection);
        if (inFlight) {
            tally.lost();
        }
        if (connections.isEmpty()) {
            tally.fail("every publishing connection closed");
            done.complete(tally.result(0));
            return;
        }
        pump();
    }

    private void pump() {
        if (pacing != null && !done.isDone()) {
            pacing.pump();
            if (pacing.finished() && tally.inFlight() == 0) {
                done.complete(tally.result(0));
            }
        }
    }

    /** Sends publish number {@code n} on the connection, stamped with {@code stampMicros}. */
    private void send(PublishConnection connection, long n, long stampMicros, boolean warmup) {
        int topic = (int) (n % plan.topics().size());
        long seq = tally.sent(topic, warmup);
        ByteBuf request = requests.frame(connection.alloc(), topic,
                Payload.format(topic, seq, stampMicros, plan.payloadBytes(), warmup));
        connection.send(request, topic, stampMicros, warmup);
    }

    /**
     * Publish {@code n} is due at {@code start + n / rate}, whatever happened to earlier ones. A pacer
     * thread keeps the schedule with {@code parkNanos} (about 60 µs late at worst here, where the event
     * loop's own timers can be a millisecond late) and wakes the loop, which sends whatever is due on
     * the free connections.
     */
    private final class OpenLoop implements Pacing {
        private final double nanosPerPublish;
        private final long warmupCount;
        private final long total;
        private long startNanos;
        private long startMicros;
        /** Publishes due so far; written by the pacer, read on the loop. */
        private final AtomicLong due = new AtomicLong();
        private final AtomicBoolean wakePending = new AtomicBoolean();
        private long issued;

        OpenLoop(double rate, long warmupCount, long total) {
            this.nanosPerPublish = 1e9 / rate;
            this.warmupCount = warmupCount;
            this.total = total;
        }

        @Override
        public void start() {
            startNanos = System.nanoTime();
            startMicros = Payload.nowMicros();
            Thread pacer = new Thread(this::keepSchedule, "publish-pacer");
            pacer.setDaemon(true);
            pacer.start();
        }

        private void keepSchedule() {
            long dueNow = 0;
            while (dueNow < total) {
                long next = startNanos + (long) (dueNow * nanosPerPublish);
                long wait;
                while ((wait = next - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(wait);
                }
                // At high rates several are due by the time we wake: release them all at once.
                long elapsed = System.nanoTime() - startNanos;
                dueNow = Math.min(total, (long) (elapsed / nanosPerPublish) + 1);
                due.set(dueNow);
                if (wakePending.compareAndSet(false, true)) {
                    loop.execute(() -> {
                        wakePending.set(false);
                        Publisher.this.pump();
                    });
                }
            }
        }

        @Override
        public void pump() {
            long dueNow = due.get();
            long now = System.nanoTime();
            while (issued < dueNow && !idle.isEmpty()) {
                long dueNanos = startNanos + (long) (issued * nanosPerPublish);
                if (now - dueNanos > LATE_NANOS) {
                    tally.late();
                }
                send(idle.poll(), issued, startMicros + (dueNanos - startNanos) / 1_000, issued < warmupCount);
                issued++;
            }
            // Behind schedule with every connection busy: the next answer pumps again.
        }

        @Override
        public boolean finished() {
            return issued == total;
        }
    }

    /** Every free connection sends at once, until the end time. */
    private final class ClosedLoop implements Pacing {
        private final Duration warmup;
        private final Duration duration;
        private long measureFromNanos;
        private long endNanos;
        private long issued;
        private boolean timerSet;

        ClosedLoop(Duration warmup, Duration duration) {
            this.warmup = warmup;
            this.duration = duration;
        }

        @Override
        public void start() {
            measureFromNanos = System.nanoTime() + warmup.toNanos();
            endNanos = measureFromNanos + duration.toNanos();
            pump();
        }

        @Override
        public void pump() {
            while (!finished() && !idle.isEmpty()) {
                send(idle.poll(), issued++, Payload.nowMicros(), System.nanoTime() < measureFromNanos);
            }
            if (!timerSet) {
                timerSet = true; // wakes the publisher at the end in case no answer does
                loop.schedule(Publisher.this::pump, Math.max(0, endNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        }

        @Override
        public boolean finished() {
            return System.nanoTime() >= endNanos;
        }
    }

    /** Every free connection sends at once, until {@code total} were sent. */
    private final class Counted implements Pacing {
        private final long total;
        private long issued;

        Counted(long total) {
            this.total = total;
        }

        @Override
        public void start() {
            pump();
        }

        @Override
        public void pump() {
            while (!finished() && !idle.isEmpty()) {
                send(idle.poll(), issued++, Payload.nowMicros(), false);
            }
        }

        @Override
        public boolean finished() {
            return issued == total;
        }
    }

    private void run(Runnable task) {
        loop.submit(task).syncUninterruptibly();
    }

    @Override
    public void close() {
        if (!loop.isShuttingDown()) {
            loop.execute(() -> List.copyOf(connections).forEach(PublishConnection::close));
        }
        loops.close();
    }
}
