package dev.herald.client.internal;

import dev.herald.client.Event;
import dev.herald.client.SubscribeException;
import dev.herald.client.SubscriptionListener;
import java.net.URI;
import java.util.Objects;

/** The listener API over a stream: every call passed on as it comes, always ready for more. */
public final class ListenerSink implements Sink {

    private final SubscriptionListener listener;

    public ListenerSink(SubscriptionListener listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    @Override
    public void opened(URI hub) {
        listener.onOpen(hub);
    }

    @Override
    public void historyLost(String requestedId) {
        listener.onHistoryLost(requestedId);
    }

    @Override
    public void event(Event event) {
        listener.onEvent(event);
    }

    @Override
    public void closed() {
        listener.onClosed();
    }

    @Override
    public void failed(SubscribeException failure) {
        listener.onFailure(failure);
    }

    @Override
    public boolean wantsMore() {
        return true;
    }
}
