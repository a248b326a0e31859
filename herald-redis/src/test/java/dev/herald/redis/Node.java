package dev.herald.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.core.Acks;
import dev.herald.core.History;
import dev.herald.core.LastEventId;
import dev.herald.core.RecordingListener;
import dev.herald.core.StoredUpdate;
import dev.herald.core.Update;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** One hub node in a test: a started {@link RedisTransport} and a recorder of what it delivered. */
final class Node implements AutoCloseable {

    static final String TOPIC = "https://example.com/books/1";

    final RedisTransport transport;
    final RecordingListener delivered = new RecordingListener();

    private Node(RedisTransport transport) {
        this.transport = transport;
    }

    static Node start(RedisOptions options) {
        Node node = new Node(RedisTransport.connect(options));
        node.transport.start(node.delivered);
        return node;
    }

    static Update update(String data) {
        return Update.of(TOPIC, data);
    }

    /** Appends and waits for the acknowledgement. */
    StoredUpdate append(Update update) {
        return Acks.result(transport.append(update));
    }

    StoredUpdate append(String data) {
        return append(update(data));
    }

    /** Appends {@code count} updates one after another; returns what was acknowledged. */
    List<StoredUpdate> appendMany(int count, String label) {
        List<StoredUpdate> acked = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            acked.add(append(label + " " + i));
        }
        return acked;
    }

    /**
     * Waits until this node delivered the last of {@code acknowledged}, then checks it delivered every
     * one of them, in order, and nothing twice: what a failover must leave behind.
     */
    void assertDeliversEachOnceInOrder(List<StoredUpdate> acknowledged, Duration within) {
        StoredUpdate last = acknowledged.get(acknowledged.size() - 1);
        await("the node delivers the last acknowledged update").atMost(within)
                .until(() -> delivered.updates().contains(last));
        List<StoredUpdate> updates = delivered.updates();
        assertThat(updates).as("every acknowledged update delivered, in order").containsSubsequence(acknowledged);
        assertThat(updates.stream().map(StoredUpdate::position).toList()).as("once each, in position order")
                .isSorted().doesNotHaveDuplicates();
    }

    /** True while the transport reports no reason it does not deliver (what readiness asks, lag aside). */
    boolean delivering() {
        return transport.deliveryHealth().problem().isEmpty();
    }

    History readAfter(LastEventId lastEventId) {
        return Acks.result(History.readAfter(transport, lastEventId));
    }

    @Override
    public void close() {
        transport.close();
    }
}
