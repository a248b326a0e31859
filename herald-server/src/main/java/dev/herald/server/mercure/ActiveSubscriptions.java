package dev.herald.server.mercure;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.core.Hub;
import dev.herald.core.LastEventId;
import dev.herald.core.StoredUpdate;
import dev.herald.core.Update;
import dev.herald.core.UpdateListener;
import dev.herald.server.http.Responses;
import dev.herald.server.stream.CloseReason;
import dev.herald.server.stream.StreamRequest.StreamLifecycle;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mercure's active subscriptions: every subscription that starts or ends is announced as a private
 * update on {@code /.well-known/mercure/subscriptions/{topic}/{subscriber}}. The listing for
 * {@link SubscriptionsApi} is built from those announcements as the transport delivers them, so on a
 * cluster every node lists the subscriptions of every node. One entry per topic selector of a stream.
 *
 * <p>Limits: the listing starts empty when a node starts (it follows announcements from then on), and
 * the subscriptions of a node that died without announcing their end stay listed until that node's
 * subscribers' ids are reused, which they never are: restart the nodes to clear them. Anyone allowed to
 * publish to the subscriptions topics can also shape the listing.
 */
public final class ActiveSubscriptions implements UpdateListener {

    public static final String TOPIC_PREFIX = MercureEndpoint.PATH + "/subscriptions";
    static final String CONTEXT = "https://mercure.rocks/";
    private static final Logger LOG = LoggerFactory.getLogger(ActiveSubscriptions.class);

    /** One topic selector of one subscriber. */
    record Entry(String topic, String subscriber, Object payload) {
        String id() {
            return TOPIC_PREFIX + "/" + UrlEscape.component(topic) + "/" + UrlEscape.component(subscriber);
        }
    }

    private final Hub hub;
    private final boolean enabled;
    /** Every announced, still active subscription of every node, by its id. */
    private final Map<String, Entry> listed = new ConcurrentHashMap<>();
    private volatile String lastEventId = LastEventId.EARLIEST;

    public ActiveSubscriptions(Hub hub, boolean enabled) {
        this.hub = hub;
        this.enabled = enabled;
    }

    public boolean enabled() {
        return enabled;
    }

    /** Follows the announcements of every node, and the newest id the listing is as of. */
    @Override
    public void onUpdates(List<StoredUpdate> updates) {
        for (StoredUpdate stored : updates) {
            Update update = stored.update();
            if (update.privateUpdate() && update.topic().startsWith(TOPIC_PREFIX + "/")) {
                follow(update);
            }
        }
        lastEventId = updates.get(updates.size() - 1).id();
    }

    private void follow(Update announcement) {
        try {
            JsonNode document = Responses.json().readTree(announcement.data());
            if (document == null || !"Subscription".equals(document.path("type").asText())) {
                return;
            }
            Entry entry = new Entry(document.path("topic").asText(), document.path("subscriber").asText(),
                    Responses.json().treeToValue(document.path("payload"), Object.class));
            if (document.path("active").asBoolean()) {
                listed.put(entry.id(), entry);
            } else {
                listed.remove(entry.id());
            }
        } catch (JsonProcessingException e) {
            LOG.debug("ignoring a malformed subscription announcement on {}", announcement.topic());
        }
    }

    String lastEventId() {
        return lastEventId;
    }

    /** The lifecycle to give a new stream: announces it and lists it while it is open. */
    StreamLifecycle track(List<String> topics, Object payload) {
        if (!enabled) {
            return StreamLifecycle.NONE;
        }
        String subscriber = "urn:uuid:" + UUID.randomUUID();
        List<Entry> entries = new ArrayList<>(topics.size());
        topics.forEach(topic -> entries.add(new Entry(topic, subscriber, payload)));
        return new StreamLifecycle() {
            /** Only a stream that was announced has an end to announce. Both calls run on its loop. */
            private boolean announced;

            @Override
            public void opened() {
                announced = true;
                entries.forEach(entry -> announce(entry, true));
            }

            @Override
            public void closed(CloseReason reason) {
                if (announced) {
                    entries.forEach(entry -> announce(entry, false));
                }
            }
        };
    }

    /** Every open subscription, of every node sharing the transport. */
    Collection<Entry> entries() {
        return List.copyOf(listed.values());
    }

    /** The JSON-LD {@code Subscription} document of an entry. */
    static ObjectNode document(Entry entry, boolean active) {
        ObjectNode node = Responses.json().createObjectNode()
                .put("id", entry.id())
                .put("type", "Subscription")
                .put("topic", entry.topic())
                .put("subscriber", entry.subscriber())
                .put("active", active);
        node.set("payload", Responses.json().valueToTree(entry.payload()));
        return node;
    }

    private void announce(Entry entry, boolean active) {
        ObjectNode body = Responses.json().createObjectNode().put("@context", CONTEXT);
        body.setAll(document(entry, active));
        String data;
        try {
            data = Responses.json().writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a subscription document", e);
        }
        hub.publish(new Update(null, List.of(entry.id()), data, true, null, null)).whenComplete((stored, failure) -> {
            if (failure != null) {
                // Expected while the hub shuts down and every stream closes at once.
                LOG.debug("announcing subscription {} failed: {}", entry.id(), failure.toString());
            }
        });
    }
}
