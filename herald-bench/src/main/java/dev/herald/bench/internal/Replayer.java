package dev.herald.bench.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Subscriptions that replay history and are timed: from writing the request to the status line, to the
 * first event and to the {@code expected}-th event, when the connection closes. Each connection is
 * one {@link Replay} on one event loop; several replay at once when asked.
 */
public final class Replayer implements AutoCloseable {

    private final ClientLoops loops;
    private final List<Replay> replays = new ArrayList<>();
    private final List<Channel> channels = new ArrayList<>();

    /**
     * Opens {@code count} replays of {@code target} (a request target such as
     * {@code /.well-known/mercure?topic=...&lastEventID=earliest}) at once, each waiting for
     * {@code expected} events.
     */
    public Replayer(String host, int port, String target, long expected, int count) {
        this.loops = new ClientLoops(Math.min(count, 2));
        String hostHeader = Loopback.hostHeader(host, port);
        byte[] request = ("GET " + target + " HTTP/1.1\r\nHost: " + hostHeader + "\r\nAccept: text/event-stream\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8);
        warmUp(request);
        for (int i = 0; i < count; i++) {
            Replay replay = new Replay(request, expected);
            replays.add(replay);
            io.netty.channel.ChannelFuture connecting = loops.bootstrap().handler(replay).connect(new InetSocketAddress(host, port));
            connecting.addListener(connected -> {
                if (!connected.isSuccess()) {
                    replay.end("no connection: " + connected.cause().getMessage());
                }
            });
            channels.add(connecting.channel());
        }
    }

    /**
     * Runs, before any clock starts, what the first request and the responses would otherwise run cold:
     * the first pooled buffer (Netty's allocator then registers its JFR events, about 0.4 s on this
     * machine, which the tool used to count as the hub's time to the first event), then
     * {@value #WARM_UP_PAGES} pages of {@value #WARM_UP_PAGE_EVENTS} events like the hub's through the
     * response parsers and a sequence tracker, so that the JIT has compiled them. A replay of a million
     * events lasts about two seconds: parsed by interpreted and half-compiled code, the tool used about
     * as much CPU per event as the hub and set the rate near 500,000/s.
     */
    private static void warmUp(byte[] request) {
        PooledByteBufAllocator.DEFAULT.directBuffer(request.length).writeBytes(request).release();
        HttpStreamReader.Listener ignored = new HttpStreamReader.Listener() {
            @Override
            public void onHead(int status) {
            }

            @Override
            public void onEnd() {
            }

            @Override
            public void onMalformed(String why) {
            }
        };
        SequenceTracker[] tracker = {new SequenceTracker()};
        HttpStreamReader reader = new HttpStreamReader(ignored, new SseStampReader(stamp -> {
            if (stamp != null) {
                tracker[0].record(stamp.seq());
            }
        }));
        ByteBuf head = Unpooled.wrappedBuffer("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII));
        reader.feed(head);
        head.release();
        ByteBuf page = Unpooled.wrappedBuffer(warmUpPage());
        for (int i = 0; i < WARM_UP_PAGES; i++) {
            tracker[0] = new SequenceTracker(); // every round's sequence numbers are new to it
            reader.feed(page.duplicate());
        }
        page.release();
    }

    private static final int WARM_UP_PAGES = 200;
    private static final int WARM_UP_PAGE_EVENTS = 512;

    /** One HTTP/1.1 chunk of events shaped as the hub sends a fill's history: an id and a stamped data line. */
    private static byte[] warmUpPage() {
        StringBuilder events = new StringBuilder();
        for (int seq = 0; seq < WARM_UP_PAGE_EVENTS; seq++) {
            events.append("id: urn:uuid:019ae4f0-0000-7000-8000-").append(String.format("%012d", seq))
                    .append("\ndata: ").append(Payload.format(0, seq, 0, 200, false)).append("\n\n");
        }
        byte[] payload = events.toString().getBytes(StandardCharsets.UTF_8);
        byte[] header = (Integer.toHexString(payload.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] chunk = new byte[header.length + payload.length + 2];
        System.arraycopy(header, 0, chunk, 0, header.length);
        System.arraycopy(payload, 0, chunk, header.length, payload.length);
        chunk[chunk.length - 2] = '\r';
        chunk[chunk.length - 1] = '\n';
        return chunk;
    }

    /** Waits up to {@code limit} for every replay to end (all events, a close or a failure); then reports each. */
    public List<Result> await(Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        for (Replay replay : replays) {
            try {
                replay.done.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException | ExecutionException e) {
                break; // the time is up: report where each replay stands
            }
        }
        List<Result> results = new ArrayList<>();
        for (Replay replay : replays) {
            results.add(loops.group().submit(replay::result).syncUninterruptibly().getNow());
        }
        return results;
    }

    @Override
    public void close() {
        channels.forEach(Channel::close);
        loops.close();
    }

    /**
     * One replay's timings, in µs from writing the request (the clock starts right before the request's
     * bytes go to the socket, after the connection is made), -1 for what did not happen.
     *
     * @param status the answer's status, -1 without one
     * @param headMicros until the status line and headers
     * @param firstEventMicros until the first event with data
     * @param lastEventMicros until the {@code expected}-th event, or the last one received
     * @param events events with data received
     * @param bytes body bytes received
     * @param unique distinct stamped sequence numbers of topic index 0 (what {@code fill} publishes)
     * @param duplicates stamped sequence numbers received again (a history filled twice repeats them)
     * @param complete whether {@code expected} events arrived
     * @param failure why the replay ended early, or null
     */
    public record Result(int status, long headMicros, long firstEventMicros, long lastEventMicros, long events, long bytes,
            long unique, long duplicates, boolean complete, String failure) {
    }

    /** One timed replay; confined to its event loop. */
    private static final class Replay extends ChannelInboundHandlerAdapter
            implements HttpStreamReader.Listener, SseStampReader.Sink {

        private final byte[] request;
        private final long expected;
        private final HttpStreamReader reader = new HttpStreamReader(this, new SseStampReader(this));
        private final SequenceTracker tracker = new SequenceTracker();
        private final CompletableFuture<Void> done = new CompletableFuture<>();
        private ChannelHandlerContext ctx;
        private long startNanos;
        private int status = -1;
        private long headNanos = -1;
        private long firstNanos = -1;
        private long lastNanos = -1;
        private long events;
        private long bytes;
        private String failure;

        Replay(byte[] request, long expected) {
            this.request = request;
            this.expected = expected;
        }

        /**
         * The clock starts right before the request goes to the socket, its buffer already made: what
         * it measures is the hub's answer, not this JVM's first allocation or the connection.
         */
        @Override
        public void channelActive(ChannelHandlerContext context) {
            ctx = context;
            ByteBuf out = ctx.alloc().directBuffer(request.length).writeBytes(request);
            startNanos = System.nanoTime();
            ctx.writeAndFlush(out);
        }

        @Override
        public void channelRead(ChannelHandlerContext context, Object message) {
            ByteBuf in = (ByteBuf) message;
            try {
                bytes += in.readableBytes();
                if (!done.isDone()) {
                    reader.feed(in);
                }
            } finally {
                in.release();
            }
        }

        @Override
        public void onHead(int code) {
            status = code;
            headNanos = System.nanoTime();
            if (code != 200) {
                end("HTTP " + code);
            }
        }

        @Override
        public void onEvent(Payload.Stamp stamp) {
            long now = System.nanoTime();
            if (firstNanos < 0) {
                firstNanos = now;
            }
            lastNanos = now;
            events++;
            if (stamp != null && stamp.topic() == 0) {
                tracker.record(stamp.seq());
            }
            if (events == expected) {
                end(null);
            }
        }

        @Override
        public void onEnd() {
            end("the hub ended the stream after " + events + " events");
        }

        @Override
        public void onMalformed(String why) {
            end("malformed response: " + why);
        }

        @Override
        public void channelInactive(ChannelHandlerContext context) {
            end("closed after " + events + " events");
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
            end(cause.getClass().getSimpleName() + ": " + cause.getMessage());
        }

        private void end(String why) {
            if (done.isDone()) {
                return;
            }
            failure = why;
            done.complete(null);
            if (ctx != null) {
                ctx.close();
            }
        }

        Result result() {
            return new Result(status, micros(headNanos), micros(firstNanos), micros(lastNanos), events, bytes,
                    tracker.unique(), tracker.duplicates(), events >= expected, failure);
        }

        private long micros(long nanos) {
            return nanos < 0 ? -1 : TimeUnit.NANOSECONDS.toMicros(nanos - startNanos);
        }
    }
}
