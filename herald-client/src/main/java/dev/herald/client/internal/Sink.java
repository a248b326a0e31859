package dev.herald.client.internal;

import dev.herald.client.Event;
import dev.herald.client.SubscribeException;
import java.net.URI;

/**
 * Where an {@link EventStream} hands what it reads: the listener API or the {@code Flow} adapter.
 * Called on the stream's thread only; {@link #closed()} or {@link #failed} at most once, last.
 */
public interface Sink {

    void opened(URI hub);

    void historyLost(String requestedId);

    void event(Event event);

    void closed();

    void failed(SubscribeException failure);

    /** False: read nothing more from the connection until {@link EventStream#resume()}. */
    boolean wantsMore();
}
