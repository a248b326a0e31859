package dev.herald.client;

import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/**
 * Records what a subscription tells its listener, for tests that wait with bounded waits: every call
 * as a line, in order, so the terminal guarantee (nothing after the end) can be checked as well.
 */
public final class ListenerRecorder implements SubscriptionListener {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final List<Event> events = new CopyOnWriteArrayList<>();
    private final List<URI> opened = new CopyOnWriteArrayList<>();
    private final List<String> historyLost = new CopyOnWriteArrayList<>();
    private volatile SubscribeException failure;
    private volatile boolean ended;

    @Override
    public void onOpen(URI hub) {
        calls.add("open " + hub);
        opened.add(hub);
    }

    @Override
    public void onEvent(Event event) {
        calls.add("event " + event.id());
        events.add(event);
    }

    @Override
    public void onHistoryLost(String requestedId) {
        calls.add("history lost after " + requestedId);
        historyLost.add(requestedId);
    }

    @Override
    public void onClosed() {
        calls.add("closed");
        ended = true;
    }

    @Override
    public void onFailure(SubscribeException failure) {
        calls.add("failure " + failure.getMessage());
        this.failure = failure;
        ended = true;
    }

    public List<Event> awaitEvents(int count) {
        await(count + " events (calls so far: " + calls + ")").atMost(WAIT).pollInterval(Duration.ofMillis(5))
                .until(() -> events.size() >= count || ended);
        if (events.size() < count) {
            throw new AssertionError("the subscription ended after " + events.size() + " of " + count
                    + " events: " + calls);
        }
        return List.copyOf(events);
    }

    public void awaitOpens(int count) {
        await(count + " opened connections (calls so far: " + calls + ")").atMost(WAIT)
                .pollInterval(Duration.ofMillis(5)).until(() -> opened.size() >= count);
    }

    public void awaitEnd() {
        await("the end of the subscription (calls so far: " + calls + ")").atMost(WAIT)
                .pollInterval(Duration.ofMillis(5)).until(() -> ended);
    }

    public List<String> calls() {
        return List.copyOf(calls);
    }

    public List<Event> events() {
        return List.copyOf(events);
    }

    public List<String> ids() {
        return events.stream().map(Event::id).collect(Collectors.toList());
    }

    public List<URI> opened() {
        return List.copyOf(opened);
    }

    public List<String> historyLost() {
        return List.copyOf(historyLost);
    }

    public SubscribeException failure() {
        return failure;
    }
}
