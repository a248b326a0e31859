package dev.herald.bench.chaos;

import io.netty.channel.Channel;
import java.util.BitSet;

/**
 * One subscriber of a chaos run, across all its connections: which node it uses next, the id it resumes
 * from, and which of its topic's publishes (by sequence number) arrived, how often and in which order.
 * Its connection's event loop writes, the coordinator reads: every method holds the object's lock
 * (uncontended, a few thousand deliveries a second).
 *
 * <p>Order is the hub's: each event's id must sort after the previous one (the hubs' generated ids are
 * UUIDv7 that increase with the position), across reconnects too, since an exact resume continues after
 * the id sent. A stream that resumed from {@code earliest} (the hub could not find the id sent) starts the
 * order over, and what it sends again is counted as resent after {@code earliest}, not as a duplicate: the
 * hub said it could not resume exactly, which is the honest answer when history was lost.
 */
final class ChaosSubscriber {

    /** What one subscriber saw; a snapshot, for the report. */
    record Tally(long unique, long duplicates, long outOfOrder, long resentAfterEarliest, int opens, int exactResumes,
            int earliestResumes, int closedByServer) {
    }

    final int index;
    final int topic;
    private int node;
    private Channel channel;
    private boolean open;
    /** The id sent as Last-Event-ID on the next connection: the last event's. */
    private String lastEventId;
    /** The id the order check compares with; reset by an earliest resume. */
    private String orderedAfter;
    private boolean earliestConnection;
    private final BitSet received = new BitSet();
    private long unique;
    private long duplicates;
    private long outOfOrder;
    private long resentAfterEarliest;
    private int opens;
    private int exactResumes;
    private int earliestResumes;
    private int closedByServer;

    ChaosSubscriber(int index, int topic, int node) {
        this.index = index;
        this.topic = topic;
        this.node = node;
    }

    synchronized int node() {
        return node;
    }

    /** Moves to the next node, as a client behind a load balancer (or with several hub URLs) would. */
    synchronized int nextNode(int nodes) {
        node = (node + 1) % nodes;
        return node;
    }

    synchronized String lastEventId() {
        return lastEventId;
    }

    synchronized void connecting(Channel newChannel) {
        channel = newChannel;
    }

    /** The channel of its current connection, for closing it from outside; may be closed already. */
    synchronized Channel channel() {
        return channel;
    }

    /** The stream opened; {@code resumedFrom} is the response's Last-Event-ID header (null without). */
    synchronized void opened(boolean sentId, String resumedFrom) {
        open = true;
        opens++;
        earliestConnection = sentId && "earliest".equals(resumedFrom);
        if (earliestConnection) {
            earliestResumes++;
            orderedAfter = null;
        } else if (sentId) {
            exactResumes++;
        }
    }

    synchronized void event(long seq, String id) {
        if (id != null) {
            if (orderedAfter != null && id.compareTo(orderedAfter) <= 0) {
                outOfOrder++;
            }
            orderedAfter = id;
            lastEventId = id;
        }
        int at = (int) Math.min(seq, Integer.MAX_VALUE); // a run publishes far fewer than 2^31 a topic
        if (!received.get(at)) {
            received.set(at);
            unique++;
        } else if (earliestConnection) {
            resentAfterEarliest++;
        } else {
            duplicates++;
        }
    }

    /** The connection closed; {@code byServer} unless the tool closed it. */
    synchronized void closed(boolean byServer) {
        if (open && byServer) {
            closedByServer++;
        }
        open = false;
        channel = null;
    }

    synchronized boolean isOpen() {
        return open;
    }

    /** True when every set bit of {@code acked} (this topic's acknowledged sequence numbers) arrived. */
    synchronized boolean hasAll(BitSet acked) {
        for (int seq = acked.nextSetBit(0); seq >= 0; seq = acked.nextSetBit(seq + 1)) {
            if (!received.get(seq)) {
                return false;
            }
        }
        return true;
    }

    /** How many of {@code wanted}'s sequence numbers arrived. */
    synchronized long countOf(BitSet wanted) {
        BitSet both = (BitSet) received.clone();
        both.and(wanted);
        return both.cardinality();
    }

    synchronized Tally tally() {
        return new Tally(unique, duplicates, outOfOrder, resentAfterEarliest, opens, exactResumes, earliestResumes,
                closedByServer);
    }
}
