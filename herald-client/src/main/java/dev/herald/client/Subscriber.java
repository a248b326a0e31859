package dev.herald.client;

import dev.herald.client.internal.EventStream;
import dev.herald.client.internal.FlowSink;
import dev.herald.client.internal.ListenerSink;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Flow;
import java.util.function.Consumer;

/**
 * Opens subscriptions to Mercure hubs (Herald or any other) with {@code EventSource} semantics:
 *
 * <pre>{@code
 * Subscriber subscriber = Subscriber.create();
 * Subscription books = subscriber.subscribe(
 *         SubscribeOptions.of(URI.create("https://hub.example/.well-known/mercure"), "https://example.com/books/{id}")
 *                 .withTokenProvider(tokens::current),
 *         event -> System.out.println(event.id() + " " + event.data()));
 * ...
 * books.close();
 * }</pre>
 *
 * <p>A subscription reconnects by itself: after the hub ends the stream, after a broken connection, or
 * after {@link SubscribeOptions#heartbeatTimeout()} without a byte, it waits the hub's {@code retry}
 * (3 s until the hub sends one), doubled for each failure in a row up to
 * {@link SubscribeOptions#maxBackoff()}, plus up to half again at random, and reconnects with
 * {@code Last-Event-ID} so the hub replays what it missed: every event once, in order. A 204 ends it
 * ({@link SubscriptionListener#onClosed()}); other statuses and content types fail it for good
 * ({@link SubscriptionListener#onFailure}), except 502, 503 and 504, which move on to the next hub URL.
 *
 * <p>Each subscription has one thread of its own, which calls its listener; connections are HTTP/1.1
 * by default, one per subscription, so a dead connection is closed with its stream.
 */
public final class Subscriber {

    private final HttpClient client;

    private Subscriber(HttpClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    /**
     * A subscriber on an HTTP/1.1 client: each stream on a connection of its own, so replacing a dead
     * stream replaces its connection (streams multiplexed on one HTTP/2 connection would all share a
     * dead one).
     */
    public static Subscriber create() {
        return new Subscriber(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NORMAL).build());
    }

    /** A subscriber on the application's own client (proxy, TLS, HTTP version and executor settings). */
    public static Subscriber using(HttpClient client) {
        return new Subscriber(client);
    }

    /** Starts a subscription; it connects in the background and reports to {@code listener}. */
    public Subscription subscribe(SubscribeOptions options, SubscriptionListener listener) {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(listener, "listener");
        EventStream stream = EventStream.create(client, options, new ListenerSink(listener));
        stream.start();
        return stream;
    }

    /**
     * The subscription as a cold {@link Flow.Publisher}: each {@code subscribe} opens a subscription of
     * its own. Backpressure reaches the socket: without demand nothing more is read, and a hub that
     * cuts the stream as a slow consumer is resumed from with {@code Last-Event-ID} once demand
     * returns. {@code onComplete} after a 204, {@code onError} with a {@link SubscribeException} for a
     * failure for good; {@code cancel()} closes the connection. A hub's {@code earliest} answer (lost
     * history) is not a {@code Flow} signal: {@link #publisher(SubscribeOptions, Consumer)} hears it.
     */
    public Flow.Publisher<Event> publisher(SubscribeOptions options) {
        return publisher(options, requestedId -> { });
    }

    /**
     * {@link #publisher(SubscribeOptions)}, and {@code historyLost} is told the id a reconnection asked for
     * whenever the hub answers that it no longer has it ({@code earliest}: it replays all it keeps, so
     * something may be missing before it). Called on the subscription's thread, before any event of the
     * connection it concerns; not after {@code cancel()}.
     */
    public Flow.Publisher<Event> publisher(SubscribeOptions options, Consumer<String> historyLost) {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(historyLost, "historyLost");
        return subscriber -> {
            FlowSink sink = new FlowSink(subscriber, historyLost);
            EventStream stream = EventStream.create(client, options, sink);
            sink.attach(stream);
            subscriber.onSubscribe(sink);
            stream.start();
        };
    }
}
