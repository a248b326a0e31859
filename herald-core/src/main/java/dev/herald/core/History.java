package dev.herald.core;

import java.util.List;
import java.util.Objects;

/**
 * What a transport answered to "what came after this id": the updates to replay, oldest first, and
 * how the request was understood.
 *
 * @param resumedFrom the id the replay starts after: the requested id when it is retained, otherwise
 *     {@value LastEventId#EARLIEST}, which tells the client that it may have missed updates (this is
 *     the Mercure {@code Last-Event-ID} response header)
 * @param updates the retained updates after that point, in position order
 * @param head the newest position the transport had when it answered; a live update at or before it
 *     is already covered by this history, so the replay/live seam drops it
 */
public record History(String resumedFrom, List<StoredUpdate> updates, Position head) {

    public History {
        Objects.requireNonNull(resumedFrom, "resumedFrom");
        Objects.requireNonNull(head, "head");
        updates = List.copyOf(updates);
    }

    /** True when the requested id was not retained, so the replay starts at the earliest update. */
    public boolean fromEarliest() {
        return LastEventId.EARLIEST.equals(resumedFrom);
    }
}
