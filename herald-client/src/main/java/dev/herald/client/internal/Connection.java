package dev.herald.client.internal;

import dev.herald.client.sse.SseParser;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.Flow;

/**
 * One response of an {@link EventStream}: receives the HTTP client's signals on the client's threads
 * and hands each to the stream's own thread; the fields are touched only there.
 */
final class Connection implements Flow.Subscriber<List<ByteBuffer>> {

    /** The stream's side: each call runs on its thread. */
    interface Handler {
        /** Runs the task on the stream's thread; false when the stream has ended. */
        boolean post(Runnable task);

        void arrived(Connection connection);

        void bytes(Connection connection, List<ByteBuffer> buffers);

        /** @param error null for a clean end */
        void ended(Connection connection, Throwable error);
    }

    final int attempt;
    final URI hub;
    final HttpResponse.ResponseInfo head;
    /** The Last-Event-ID this connection was opened with; empty when none. */
    final String resumeAfter;
    private final Handler handler;

    Flow.Subscription subscription;
    SseParser parser;
    LineDecoder decoder;
    /** Non-null while the body of a refusal is read for its message. */
    ErrorBody error;

    Connection(int attempt, URI hub, HttpResponse.ResponseInfo head, String resumeAfter, Handler handler) {
        this.attempt = attempt;
        this.hub = hub;
        this.head = head;
        this.resumeAfter = resumeAfter;
        this.handler = handler;
    }

    String header(String name) {
        return head.headers().firstValue(name).orElse("");
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        if (!handler.post(() -> handler.arrived(this))) {
            subscription.cancel(); // a head that arrived after the end: close its connection
        }
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        handler.post(() -> handler.bytes(this, buffers));
    }

    @Override
    public void onError(Throwable error) {
        handler.post(() -> handler.ended(this, error));
    }

    @Override
    public void onComplete() {
        handler.post(() -> handler.ended(this, null));
    }
}
