package dev.herald.bench.internal;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpVersion;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

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
    private final PublishTally tally;
    private final CompletableFuture<PublishResult> done = new CompletableFuture<>();
    private Pacing pacing;

    /** Decides, on the loop, what to send next; one implementation per loop kind. */
    private interface Pacing {
        void pump();

        boolean finished();
    }

    public Publisher(PublishPlan plan) {
        this.plan = plan;
        this.hostHeader = Loopback.hostHeader(plan.host(), plan.port());
        this.tally = new PublishTally(plan.topics().size());
    }

    /** Opens the connections; throws when none opens. */
    public void connect(Duration timeout) {
        List<ChannelFuture> opening = new ArrayList<>();
        for (int i = 0; i < plan.connections(); i++) {
            PublishConnection connection = new PublishConnection(this);
            opening.add(loops.bootstrap().handler(new ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(SocketChannel channel) {
                    channel.pipeline().addLast("http", new HttpClientCodec())
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

    /** Publishes {@code rate × duration} updates on schedule; waits at most {@code answerTimeout} after the last. */
    public PublishResult openLoop(double rate, Duration duration, Duration answerTimeout) throws InterruptedException {
        long total = Math.max(1, (long) Math.floor(rate * duration.toNanos() / 1e9));
        return runPacing(new OpenLoop(rate, total), duration.plus(answerTimeout));
    }

    /** Sends back to back on every connection for the duration; waits at most {@code answerTimeout} after. */
    public PublishResult closedLoop(Duration duration, Duration answerTimeout) throws InterruptedException {
        return runPacing(new ClosedLoop(System.nanoTime() + duration.toNanos()), duration.plus(answerTimeout));
    }

    private PublishResult runPacing(Pacing newPacing, Duration limit) throws InterruptedException {
        run(() -> {
            pacing = newPacing;
            tally.start();
            pacing.pump();
        });
        try {
            return done.get(limit.toMillis(), TimeUnit.MILLISECONDS);
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
        tally.answered(connection.topic, status, connection.stampMicros);
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
    private void send(PublishConnection connection, long n, long stampMicros) {
        int topic = (int) (n % plan.topics().size());
        String topicName = plan.topics().get(topic);
        long seq = tally.sent(topic);
        byte[] body = plan.api().publishBody(topicName, Payload.format(topic, seq, stampMicros, plan.payloadBytes()));
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST,
                plan.api().publishTarget(plan.publishPath(), topicName), Unpooled.wrappedBuffer(body));
        request.headers()
                .set(HttpHeaderNames.HOST, hostHeader)
                .set(HttpHeaderNames.CONTENT_TYPE, plan.api().contentType())
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        if (plan.token() != null) {
            request.headers().set(HttpHeaderNames.AUTHORIZATION, "Bearer " + plan.token());
        }
        connection.send(request, topic, stampMicros);
    }

    /** Publish {@code n} is due at {@code start + n / rate}, whatever happened to earlier ones. */
    private final class OpenLoop implements Pacing {
        private final double nanosPerPublish;
        private final long total;
        private final long startNanos = System.nanoTime();
        private final long startMicros = Payload.nowMicros();
        private long issued;
        private boolean timerSet;

        OpenLoop(double rate, long total) {
            this.nanosPerPublish = 1e9 / rate;
            this.total = total;
        }

        @Override
        public void pump() {
            long now = System.nanoTime();
            while (issued < total && !idle.isEmpty()) {
                long dueNanos = startNanos + (long) (issued * nanosPerPublish);
                if (dueNanos > now) {
                    break;
                }
                if (now - dueNanos > LATE_NANOS) {
                    tally.late();
                }
                send(idle.poll(), issued, startMicros + (dueNanos - startNanos) / 1_000);
                issued++;
            }
            // Behind schedule with every connection busy: the next answer pumps again, no timer needed.
            if (issued < total && !idle.isEmpty() && !timerSet) {
                long dueNanos = startNanos + (long) (issued * nanosPerPublish);
                timerSet = true;
                loop.schedule(() -> {
                    timerSet = false;
                    Publisher.this.pump();
                }, Math.max(0, dueNanos - now), TimeUnit.NANOSECONDS);
            }
        }

        @Override
        public boolean finished() {
            return issued == total;
        }
    }

    /** Every free connection sends at once, until the end time. */
    private final class ClosedLoop implements Pacing {
        private final long endNanos;
        private long issued;
        private boolean timerSet;

        ClosedLoop(long endNanos) {
            this.endNanos = endNanos;
        }

        @Override
        public void pump() {
            while (!finished() && !idle.isEmpty()) {
                send(idle.poll(), issued++, Payload.nowMicros());
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
