package dev.herald.client.internal;

import dev.herald.client.Event;
import dev.herald.client.SubscribeException;
import dev.herald.client.SubscribeException.Reason;
import dev.herald.client.SubscribeOptions;
import dev.herald.client.Subscription;
import dev.herald.client.sse.SseEvent;
import dev.herald.client.sse.SseParser;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One subscription's connection loop, with {@code EventSource} semantics (WHATWG HTML, "Server-sent
 * events"): connect, read events, and on a clean end or a broken connection wait the reconnection
 * time (the hub's {@code retry}, backed off exponentially with jitter after failures in a row) and
 * reconnect with {@code Last-Event-ID}. A 204 ends it; a status other than 200, 204, 502, 503 and 504,
 * or a 200 that is not {@code text/event-stream}, fails it for good.
 *
 * <p>All its state lives on one thread ({@code herald-subscription-N}), which also makes every call to
 * the {@link Sink}: the HTTP client's threads only hand buffers over. Reading is paced by the sink
 * ({@link Sink#wantsMore()}): while it wants nothing, no more bytes are requested from the connection,
 * so TCP pushes back on the hub, which may cut the stream as a slow consumer; the loop then resumes
 * with {@code Last-Event-ID} and loses nothing.
 */
public final class EventStream implements Subscription, Connection.Handler {

    private static final System.Logger LOG = System.getLogger(EventStream.class.getName());
    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final String EARLIEST = "earliest";

    private final HttpClient client;
    private final SubscribeOptions options;
    private final Sink sink;
    private final Backoff backoff;
    private final Clock clock;
    private final ScheduledThreadPoolExecutor loop;

    // Confined to the loop's thread.
    private boolean terminated;
    private int hubIndex;
    private int failures;
    private Duration retry;
    private int attempt;
    /** The last attempt whose response head arrived: its body, not its future, reports how it ends. */
    private int answered;
    private CompletableFuture<?> inFlight;
    private Connection current;
    private ScheduledFuture<?> reconnect;
    private ScheduledFuture<?> watchdog;
    private long lastBytesNanos;
    private boolean paused;

    /** Written on the loop's thread, read from any. */
    private volatile String lastEventId;
    /** Set by {@link #close()} from any thread, so no event is handed on once it returned. */
    private volatile boolean closeRequested;

    private EventStream(HttpClient client, SubscribeOptions options, Sink sink, Clock clock) {
        this.client = Objects.requireNonNull(client, "client");
        this.options = Objects.requireNonNull(options, "options");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.clock = clock;
        this.backoff = new Backoff(options.maxBackoff(), () -> ThreadLocalRandom.current().nextDouble());
        this.retry = options.retry();
        this.lastEventId = options.lastEventId();
        this.loop = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "herald-subscription-" + THREADS.incrementAndGet());
            // A subscription alone must not keep an application's JVM alive.
            thread.setDaemon(true);
            return thread;
        });
        loop.setRemoveOnCancelPolicy(true);
        loop.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    /** A stream that has not connected yet: {@link #start()} connects. */
    public static EventStream create(HttpClient client, SubscribeOptions options, Sink sink) {
        return new EventStream(client, options, sink, Clock.systemUTC());
    }

    public void start() {
        post(this::connect);
    }

    /** Reads again after {@link Sink#wantsMore()} said no; any thread. */
    public void resume() {
        post(() -> {
            if (paused && current != null && !terminated) {
                paused = false;
                lastBytesNanos = System.nanoTime();
                current.subscription.request(1);
            }
        });
    }

    @Override
    public String lastEventId() {
        return lastEventId;
    }

    @Override
    public void close() {
        closeRequested = true;
        post(() -> terminate(sink::closed));
    }

    // --- connecting --------------------------------------------------------------------------------

    private void connect() {
        reconnect = null;
        if (terminated) {
            return;
        }
        Optional<String> token;
        try {
            token = options.tokenProvider().token();
        } catch (RuntimeException e) {
            fail(Reason.TOKEN, 0, "the token provider failed: " + e, e);
            return;
        }
        URI hub = options.hubs().get(hubIndex);
        String resumeAfter = lastEventId;
        int thisAttempt = ++attempt;
        inFlight = client.sendAsync(
                        StreamRequest.of(hub, options.matchers(), resumeAfter, token, options.connectTimeout()),
                        head -> HttpResponse.BodySubscribers.fromSubscriber(
                                new Connection(thisAttempt, hub, head, resumeAfter, this)))
                .whenComplete((response, error) -> {
                    if (error != null) {
                        post(() -> requestFailed(thisAttempt, error));
                    }
                });
    }

    /** No response head: refused, reset, timed out. Transient: the next hub, after a backoff. */
    private void requestFailed(int failedAttempt, Throwable error) {
        if (terminated || failedAttempt != attempt || answered == failedAttempt) {
            // A newer attempt runs, or this one's head arrived: its body reports the end (a stream that
            // breaks fails the future too, after the body's onError).
            return;
        }
        attempt++; // a head arriving after this is stale
        LOG.log(System.Logger.Level.DEBUG, () -> "connecting to " + options.hubs().get(hubIndex) + " failed: " + error);
        retryElsewhere(Optional.empty());
    }

    @Override
    public void arrived(Connection connection) {
        if (terminated || connection.attempt != attempt) {
            connection.subscription.cancel();
            return;
        }
        current = connection;
        answered = connection.attempt;
        int status = connection.head.statusCode();
        String contentType = connection.header("Content-Type");
        switch (Answer.of(status, contentType)) {
            case OPEN -> open(connection);
            case STOP -> terminate(sink::closed);
            case NOT_A_STREAM -> fail(Reason.CONTENT_TYPE, status, "the hub answered 200 with Content-Type "
                    + (contentType.isEmpty() ? "(none)" : contentType) + " instead of text/event-stream", null);
            case RETRY -> {
                current = null;
                connection.subscription.cancel();
                retryElsewhere(RetryAfter.of(connection.head.headers(), clock));
            }
            case REFUSED -> {
                connection.error = new ErrorBody();
                connection.subscription.request(Long.MAX_VALUE);
            }
        }
    }

    private void open(Connection connection) {
        failures = 0;
        connection.parser = new SseParser(new SseParser.Listener() {
            @Override
            public void onEvent(SseEvent event) {
                // The id advances only once the sink took the event: a listener that threw on it, or
                // a close before it, leaves lastEventId() on the last event the application has.
                if (!closeRequested && !terminated
                        && deliver(() -> sink.event(new Event(event.lastEventId(), event.type(), event.data())))) {
                    lastEventId = event.lastEventId();
                }
            }

            @Override
            public void onRetry(long millis) {
                retry = Duration.ofMillis(millis);
            }
        });
        connection.decoder = new LineDecoder(options.maxLineBytes(), line -> {
            connection.parser.line(line);
            if (line.isEmpty() && !closeRequested && !terminated) {
                // A blank line dispatches: the id it carried is now the one to resume after, event or not.
                lastEventId = connection.parser.lastEventId();
            }
        });
        lastBytesNanos = System.nanoTime();
        if (!deliver(() -> sink.opened(connection.hub))) {
            return;
        }
        if (!connection.resumeAfter.isEmpty() && !connection.resumeAfter.equals(EARLIEST)
                && responseCursor(connection).equals(EARLIEST)
                && !deliver(() -> sink.historyLost(connection.resumeAfter))) {
            return;
        }
        armWatchdog(options.heartbeatTimeout());
        readMore(connection);
    }

    /**
     * Where the hub says the replay starts: draft-08 hubs answer {@code Mercure-Last-Event-ID}, draft-07 hubs
     * {@code Last-Event-ID} (Herald both, with the same value).
     */
    private static String responseCursor(Connection connection) {
        String cursor = connection.header("Mercure-Last-Event-ID");
        return cursor.isEmpty() ? connection.header("Last-Event-ID") : cursor;
    }

    // --- reading -----------------------------------------------------------------------------------

    @Override
    public void bytes(Connection connection, List<ByteBuffer> buffers) {
        if (terminated || connection != current) {
            return;
        }
        if (connection.error != null) {
            if (connection.error.add(buffers)) {
                failWithStatus(connection);
            }
            return;
        }
        lastBytesNanos = System.nanoTime();
        try {
            for (ByteBuffer buffer : buffers) {
                connection.decoder.feed(buffer);
                if (terminated) {
                    return;
                }
            }
        } catch (IOException e) {
            fail(Reason.PROTOCOL, 0, e.getMessage(), e);
            return;
        }
        readMore(connection);
    }

    private void readMore(Connection connection) {
        if (terminated) {
            return;
        }
        boolean wantsMore;
        try {
            wantsMore = sink.wantsMore();
        } catch (RuntimeException e) {
            fail(Reason.LISTENER, 0, "the subscriber failed: " + e, e);
            return;
        }
        if (wantsMore) {
            connection.subscription.request(1);
        } else {
            paused = true;
        }
    }

    private void failWithStatus(Connection connection) {
        String message = connection.error.text();
        int status = connection.head.statusCode();
        fail(Reason.STATUS, status, "the hub answered " + status + (message.isEmpty() ? "" : ": " + message), null);
    }

    @Override
    public void ended(Connection connection, Throwable error) {
        if (terminated || connection != current) {
            return;
        }
        if (connection.error != null) {
            failWithStatus(connection);
            return;
        }
        current = null;
        paused = false;
        cancel(watchdog);
        LOG.log(System.Logger.Level.DEBUG, () -> "the stream from " + connection.hub + " ended"
                + (error == null ? "" : ": " + error) + "; resuming after '" + lastEventId + "'");
        // The same hub first: it ended the stream (lifetime, token expiry, shutdown, slow consumer) or
        // the connection broke; a hub that is gone fails the next attempt, which moves on.
        scheduleReconnect(backoff.delay(retry, failures++));
    }

    // --- timers ------------------------------------------------------------------------------------

    private void armWatchdog(Duration after) {
        if (options.heartbeatTimeout().isZero()) {
            return;
        }
        watchdog = loop.schedule(this::checkHeartbeat, Math.max(1, after.toNanos()), TimeUnit.NANOSECONDS);
    }

    private void checkHeartbeat() {
        watchdog = null;
        if (terminated || current == null) {
            return;
        }
        long timeout = options.heartbeatTimeout().toNanos();
        long silent = System.nanoTime() - lastBytesNanos;
        if (paused || silent < timeout) {
            armWatchdog(Duration.ofNanos(paused ? timeout : timeout - silent));
            return;
        }
        Connection dead = current;
        current = null;
        dead.subscription.cancel();
        LOG.log(System.Logger.Level.DEBUG, () -> "no byte from " + dead.hub + " for " + options.heartbeatTimeout()
                + ": taking the connection for dead");
        retryElsewhere(Optional.empty());
    }

    private void retryElsewhere(Optional<Duration> asked) {
        hubIndex = (hubIndex + 1) % options.hubs().size();
        Duration ceiling = options.maxBackoff().compareTo(retry) > 0 ? options.maxBackoff() : retry;
        Duration delay = asked.map(d -> d.compareTo(ceiling) > 0 ? ceiling : d)
                .orElseGet(() -> backoff.delay(retry, failures));
        failures++;
        scheduleReconnect(delay);
    }

    private void scheduleReconnect(Duration delay) {
        cancel(reconnect);
        reconnect = loop.schedule(this::connect, delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    // --- ending ------------------------------------------------------------------------------------

    private void fail(Reason reason, int status, String message, Throwable cause) {
        SubscribeException failure = new SubscribeException(reason, status, message, cause);
        terminate(() -> sink.failed(failure));
    }

    private void terminate(Runnable terminal) {
        if (terminated) {
            return;
        }
        terminated = true;
        if (current != null) {
            current.subscription.cancel();
            current = null;
        }
        if (inFlight != null) {
            inFlight.cancel(true);
        }
        cancel(reconnect);
        cancel(watchdog);
        try {
            terminal.run();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "the subscription's listener failed on its last call", e);
        }
        loop.shutdown();
    }

    /** Calls the sink; an exception it throws fails the subscription. False when it threw. */
    private boolean deliver(Runnable call) {
        try {
            call.run();
            return true;
        } catch (RuntimeException e) {
            fail(Reason.LISTENER, 0, "the subscriber failed: " + e, e);
            return false;
        }
    }

    private static void cancel(ScheduledFuture<?> task) {
        if (task != null) {
            task.cancel(false);
        }
    }

    /** Runs on the loop; false once the stream ended and the loop is gone. */
    @Override
    public boolean post(Runnable task) {
        try {
            loop.execute(task);
            return true;
        } catch (RejectedExecutionException e) {
            return false; // terminated: the task has nothing left to act on
        }
    }
}
