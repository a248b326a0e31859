package dev.herald.server.stream;

import dev.herald.core.LastEventId;
import dev.herald.core.Subscription;
import dev.herald.core.Update;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * What a protocol front asks of {@link StreamOpener}: what to subscribe to, where to resume, when to
 * end the stream, and who wants to know when it opens and closes.
 *
 * @param resumeAfter where to resume; empty for live updates only
 * @param cursorGiven true when the request carried a cursor (a {@code Last-Event-ID}, even an empty
 *     one): the response head then says where the stream resumes, {@code earliest} when it does not
 * @param closeAfter when to end the stream, and why; empty keeps it open
 * @param lifecycle told when the stream is registered and when it is gone
 * @param liveOnly which live-only updates (the hub's subscription events) the stream takes, of those its
 *     subscription accepts: the front's rule, asked only for live-only updates, so stored ones never pay
 */
public record StreamRequest(
        Subscription subscription,
        Optional<LastEventId> resumeAfter,
        boolean cursorGiven,
        Optional<Deadline> closeAfter,
        StreamLifecycle lifecycle,
        Predicate<Update> liveOnly) {

    public StreamRequest {
        Objects.requireNonNull(subscription, "subscription");
        Objects.requireNonNull(resumeAfter, "resumeAfter");
        if (resumeAfter.isPresent() && !cursorGiven) {
            throw new IllegalArgumentException("a stream resumes only after a cursor the request gave");
        }
        Objects.requireNonNull(closeAfter, "closeAfter");
        Objects.requireNonNull(lifecycle, "lifecycle");
        Objects.requireNonNull(liveOnly, "liveOnly");
    }

    /** A stream with no deadline that nobody watches: the demo's. */
    public static StreamRequest of(Subscription subscription, Optional<LastEventId> resumeAfter) {
        return new StreamRequest(subscription, resumeAfter, resumeAfter.isPresent(), Optional.empty(),
                StreamLifecycle.NONE, update -> true);
    }

    /** End the stream after {@code after}, for {@code reason}. */
    public record Deadline(Duration after, CloseReason reason) {
        public Deadline {
            Objects.requireNonNull(after, "after");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** Called on the stream's event loop. */
    public interface StreamLifecycle {
        StreamLifecycle NONE = new StreamLifecycle() {
        };

        default void opened() {
        }

        default void closed(CloseReason reason) {
        }
    }
}
