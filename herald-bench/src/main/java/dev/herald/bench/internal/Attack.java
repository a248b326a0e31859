package dev.herald.bench.internal;

import dev.herald.bench.Api;
import dev.herald.bench.AttackOptions;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.FixedRecvByteBufAllocator;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The hostile connections of {@link AttackOptions}, opened by the coordinator on one event loop of
 * their own (they do next to nothing: a non-reader never reads, a template stream gets heartbeats).
 * {@link #open} connects them all; {@link #awaitAnswers} waits, bounded, for their status lines;
 * {@link #close} closes them and reports.
 */
public final class Attack implements AttackConnection.Events, AutoCloseable {

    /** A non-reader takes at most this much off its socket: the status line and headers, no more. */
    static final int NON_READER_READ_BYTES = 256;

    private final AttackOptions options;
    private final ClientLoops loops = new ClientLoops(1);
    private final Queue<Channel> channels = new ConcurrentLinkedQueue<>();
    private final Failures nonReaderAnswers = new Failures();
    private final Failures templateAnswers = new Failures();
    private final AtomicInteger nonReadersClosed = new AtomicInteger();
    private final AtomicInteger templateStreamsClosed = new AtomicInteger();
    private final CountDownLatch settled;
    private volatile boolean stopping;

    private Attack(AttackOptions options) {
        this.options = options;
        this.settled = new CountDownLatch(options.nonReaders() + options.templateStreams());
    }

    /**
     * Opens every attack connection to the hub: non-readers subscribe to {@code topic} with the
     * options' query, template streams to their templates. Returns at once; nothing waits for answers.
     */
    public static Attack open(AttackOptions options, String host, int port, String path, String topic) {
        Attack attack = new Attack(options);
        InetSocketAddress remote = new InetSocketAddress(host, port);
        String hostHeader = Loopback.hostHeader(host, port);
        String nonReaderTarget = Api.MERCURE.subscribeTarget(path, List.of(topic)) + "&" + options.nonReaderQuery();
        byte[] nonReaderRequest = AttackConnection.request(nonReaderTarget, hostHeader);
        int index = 0;
        for (int i = 0; i < options.nonReaders(); i++, index++) {
            attack.connect(new AttackConnection(nonReaderRequest, false, attack), remote, options.sourceAddress(index));
        }
        for (int s = 0; s < options.templateStreams(); s++, index++) {
            byte[] request = AttackConnection.request(Api.MERCURE.subscribeTarget(path, options.templatesOf(s)), hostHeader);
            attack.connect(new AttackConnection(request, true, attack), remote, options.sourceAddress(index));
        }
        return attack;
    }

    private void connect(AttackConnection connection, InetSocketAddress remote, String source) {
        Bootstrap bootstrap = loops.bootstrap().handler(connection);
        if (!connection.reads()) {
            bootstrap.option(ChannelOption.AUTO_READ, false)
                    .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(NON_READER_READ_BYTES));
        }
        ChannelFuture connecting = bootstrap.connect(remote, new InetSocketAddress(source, 0));
        channels.add(connecting.channel());
        connecting.addListener(done -> {
            if (!done.isSuccess()) {
                tally(connection).add("no connection: " + done.cause().getClass().getSimpleName(), 1);
                settled.countDown();
            }
        });
    }

    /** Waits up to {@code limit} for every connection's status line (or failure); false when some are missing. */
    public boolean awaitAnswers(Duration limit) throws InterruptedException {
        return settled.await(limit.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Closes every connection and reports what they got; the report is taken before they close. */
    public AttackResult finish() {
        AttackResult result = new AttackResult(options.nonReaders(), nonReaderAnswers.snapshot(), nonReadersClosed.get(),
                options.templateStreams(), templateAnswers.snapshot(), templateStreamsClosed.get());
        close();
        return result;
    }

    /** Closes every connection and stops the loop. Idempotent. */
    @Override
    public void close() {
        stopping = true;
        channels.forEach(Channel::close);
        for (Channel channel : channels) {
            channel.closeFuture().awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
        loops.close();
    }

    @Override
    public void answered(AttackConnection connection, int status) {
        tally(connection).add(status == 0 ? "not HTTP" : "HTTP " + status, 1);
        settled.countDown();
    }

    @Override
    public void closed(AttackConnection connection, boolean answered) {
        if (!answered) {
            tally(connection).add("closed before the answer", 1);
            settled.countDown();
            return;
        }
        (connection.reads() ? templateStreamsClosed : nonReadersClosed).incrementAndGet();
    }

    @Override
    public boolean stopping() {
        return stopping;
    }

    private Failures tally(AttackConnection connection) {
        return connection.reads() ? templateAnswers : nonReaderAnswers;
    }

    /**
     * What the attack connections got.
     *
     * @param nonReaders non-readers opened
     * @param nonReaderAnswers their answers ({@code HTTP 200}, {@code HTTP 503}, ...) with counts; the
     *     ones without an answer at the end are missing
     * @param nonReadersClosed answered non-readers whose connection the hub was seen to close (a
     *     non-reader notices a close only when the hub resets it, so this may undercount)
     * @param templateStreams template streams opened
     * @param templateAnswers their answers with counts
     * @param templateStreamsClosed answered template streams the hub closed before the run ended
     */
    public record AttackResult(int nonReaders, Map<String, Long> nonReaderAnswers, int nonReadersClosed,
            int templateStreams, Map<String, Long> templateAnswers, int templateStreamsClosed) {
    }
}
