package dev.herald.client.internal;

import dev.herald.client.Event;
import dev.herald.client.SubscribeException;
import java.net.URI;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A {@link Flow.Subscription} over one {@link EventStream}, with backpressure all the way to the
 * socket: while the subscriber has no demand, the stream reads nothing more, so at most the events of
 * one received chunk wait here. Signals are serialized by the usual work-in-progress counter, so
 * {@code onNext} may run on the stream's thread or on the thread that called {@link #request}, never
 * on two at once; {@code onComplete}/{@code onError} come after every queued event.
 */
public final class FlowSink implements Sink, Flow.Subscription {

    private final Flow.Subscriber<? super Event> subscriber;
    private final Consumer<String> historyLost;
    private final Queue<Event> queue = new ConcurrentLinkedQueue<>();
    private final AtomicLong demand = new AtomicLong();
    private final AtomicInteger workInProgress = new AtomicInteger();
    private volatile EventStream stream;
    private volatile Runnable terminal;
    private volatile boolean cancelled;
    /** Touched only inside the drain loop, which one thread runs at a time. */
    private boolean done;

    /** @param historyLost told the requested id when the hub no longer has it, on the stream's thread */
    public FlowSink(Flow.Subscriber<? super Event> subscriber, Consumer<String> historyLost) {
        this.subscriber = Objects.requireNonNull(subscriber, "subscriber");
        this.historyLost = Objects.requireNonNull(historyLost, "historyLost");
    }

    /** Set once, before the subscriber can request anything. */
    public void attach(EventStream stream) {
        this.stream = stream;
    }

    @Override
    public void request(long n) {
        if (n <= 0) {
            // Reactive Streams rule 3.9.
            cancelled = true;
            queue.clear();
            terminal = () -> subscriber.onError(new IllegalArgumentException("request must be positive, was " + n));
            stream.close();
            drain(true);
            return;
        }
        demand.accumulateAndGet(n, (current, added) -> current + added < 0 ? Long.MAX_VALUE : current + added);
        drain(false);
        stream.resume();
    }

    @Override
    public void cancel() {
        cancelled = true;
        stream.close();
    }

    @Override
    public void opened(URI hub) {
    }

    @Override
    public void historyLost(String requestedId) {
        if (!cancelled) {
            historyLost.accept(requestedId);
        }
    }

    @Override
    public void event(Event event) {
        queue.add(event);
        drain(false);
    }

    @Override
    public void closed() {
        if (terminal == null) {
            terminal = subscriber::onComplete;
        }
        drain(false);
    }

    @Override
    public void failed(SubscribeException failure) {
        if (terminal == null) {
            terminal = () -> subscriber.onError(failure);
        }
        drain(false);
    }

    @Override
    public boolean wantsMore() {
        return queue.isEmpty() && demand.get() > 0;
    }

    private void drain(boolean evenIfCancelled) {
        if (workInProgress.getAndIncrement() != 0) {
            return;
        }
        int missed = 1;
        do {
            while (!cancelled && demand.get() > 0 && !queue.isEmpty()) {
                Event next = queue.poll();
                if (demand.get() != Long.MAX_VALUE) {
                    demand.decrementAndGet();
                }
                try {
                    subscriber.onNext(next);
                } catch (RuntimeException e) {
                    // Reactive Streams rule 2.13: a subscriber that throws is broken; stop sending to it.
                    cancelled = true;
                    stream.close();
                }
            }
            Runnable end = terminal;
            if (!done && end != null && queue.isEmpty() && (!cancelled || evenIfCancelled)) {
                done = true;
                end.run();
            }
            missed = workInProgress.addAndGet(-missed);
        } while (missed != 0);
    }
}
