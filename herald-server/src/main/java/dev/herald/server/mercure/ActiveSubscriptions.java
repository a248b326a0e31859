package dev.herald.server.mercure;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.core.Hub;
import dev.herald.core.LastEventId;
import dev.herald.core.LiveListener;
import dev.herald.core.StoredUpdate;
import dev.herald.core.Update;
import dev.herald.core.UpdateListener;
import dev.herald.server.SubscriptionsOptions;
import dev.herald.server.http.Responses;
import dev.herald.server.stream.CloseReason;
import dev.herald.server.stream.StreamRequest.StreamLifecycle;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.Function;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mercure's active subscriptions: every subscription that starts or ends is announced as a private
 * update on {@code /.well-known/mercure/subscriptions/{topic}/{subscriber}}, one per topic selector of
 * a stream. Announcements are live-only ({@link Hub#publishLive}): they reach the subscribers allowed to
 * see them on every node, and are never stored, counted toward retention or replayed, so opening and
 * closing streams, however often, costs nothing durable. The listing for {@link SubscriptionsApi} is
 * built from the announcements as every node receives them, so on a cluster every node lists the
 * subscriptions of every node; publishers' updates on those topics do not change it.
 *
 * <p>Bounds: subscribers without a token are announced only when
 * {@link SubscriptionsOptions#announceAnonymous()} says so, and at most
 * {@link SubscriptionsOptions#maxListed()} subscriptions are listed: one that starts beyond the cap is
 * announced but not listed (a warning is logged when the listing becomes full).
 *
 * <p>Limits: the listing starts empty when a node starts (it follows announcements from then on); the
 * subscriptions of a node that died without announcing their end, or whose end this node missed (it
 * was disconnected from Redis then), stay listed until this node restarts. A subscriber resuming from
 * the listing's {@code lastEventID} gets the stored updates after it, not the announcements: to follow
 * the listing, open the announcements' stream first, then read the listing.
 */
public final class ActiveSubscriptions implements UpdateListener, LiveListener {

    public static final String TOPIC_PREFIX = MercureEndpoint.PATH + "/subscriptions";
    static final String CONTEXT = "https://mercure.rocks/";
    private static final Logger LOG = LoggerFactory.getLogger(ActiveSubscriptions.class);

    /** One topic selector of one subscriber. */
    public record Entry(String topic, String subscriber, Object payload) {
        String id() {
            return TOPIC_PREFIX + "/" + UrlEscape.component(topic) + "/" + UrlEscape.component(subscriber);
        }
    }

    private final Hub hub;
    private final SubscriptionsOptions options;
    /** Every announced, still active subscription of every node, by its id, up to the cap; guarded by itself. */
    private final Map<String, Entry> listed = new LinkedHashMap<>();
    /** Whether the listing was full since it last had room: one warning per time it fills up. */
    private boolean full;
    private volatile String lastEventId = LastEventId.EARLIEST;

    /**
     * @throws IllegalArgumentException when subscriptions are on and the hub's transport has no live
     *     path, since announcements must never be stored
     */
    public ActiveSubscriptions(Hub hub, SubscriptionsOptions options) {
        this.hub = Objects.requireNonNull(hub, "hub");
        this.options = Objects.requireNonNull(options, "options");
        if (options.enabled() && !hub.hasLivePath()) {
            throw new IllegalArgumentException("active subscriptions need a transport with a live-only path");
        }
    }

    public boolean enabled() {
        return options.enabled();
    }

    /** The newest stored update this node has seen: what the listing is as of ({@code lastEventID}). */
    @Override
    public void onUpdates(List<StoredUpdate> updates) {
        lastEventId = updates.get(updates.size() - 1).id();
    }

    /** Follows the announcements of every node. */
    @Override
    public void onLive(Update update) {
        if (update.privateUpdate() && update.topic().startsWith(TOPIC_PREFIX + "/")) {
            follow(update);
        }
    }

    private void follow(Update announcement) {
        Entry entry;
        boolean active;
        try {
            JsonNode document = Responses.json().readTree(announcement.data());
            if (document == null || !"Subscription".equals(document.path("type").asText())) {
                return;
            }
            entry = new Entry(document.path("topic").asText(), document.path("subscriber").asText(),
                    Responses.json().treeToValue(document.path("payload"), Object.class));
            active = document.path("active").asBoolean();
        } catch (JsonProcessingException e) {
            LOG.debug("ignoring a malformed subscription announcement on {}", announcement.topic());
            return;
        }
        synchronized (listed) {
            if (!active) {
                listed.remove(entry.id());
                full = full && listed.size() >= options.maxListed();
                return;
            }
            if (listed.size() < options.maxListed() || listed.containsKey(entry.id())) {
                listed.put(entry.id(), entry);
                return;
            }
            if (!full) {
                full = true;
                LOG.warn("The subscriptions listing is full ({} entries, --subscriptions-max-listed): subscriptions "
                        + "that start now are announced but not listed until others end", options.maxListed());
            }
        }
    }

    String lastEventId() {
        return lastEventId;
    }

    /**
     * The lifecycle to give a new stream: announces it and lists it while it is open; nothing for an
     * anonymous subscriber unless {@link SubscriptionsOptions#announceAnonymous()}.
     *
     * @param payloadOf the payload of each topic selector's subscription ({@code Claims::payloadFor})
     */
    StreamLifecycle track(List<String> topics, Function<String, Object> payloadOf, boolean anonymous) {
        if (!options.enabled() || (anonymous && !options.announceAnonymous())) {
            return StreamLifecycle.NONE;
        }
        String subscriber = "urn:uuid:" + UUID.randomUUID();
        List<Entry> entries = new ArrayList<>(topics.size());
        topics.forEach(topic -> entries.add(new Entry(topic, subscriber, payloadOf.apply(topic))));
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

    /** Every listed subscription, of every node sharing the transport. */
    Collection<Entry> entries() {
        synchronized (listed) {
            return List.copyOf(listed.values());
        }
    }

    /** Some of the listed subscriptions that match a filter, and how many match in all. */
    public record Found(List<Entry> shown, int matching) {
    }

    /**
     * Up to {@code limit} listed subscriptions whose topic or subscriber contains {@code filter} (all of
     * them when it is empty), oldest first, and how many match: for the dashboard, which shows a page
     * of them however many there are.
     */
    public Found find(String filter, int limit) {
        List<Entry> shown = new ArrayList<>(Math.min(limit, 64));
        int matching = 0;
        for (Entry entry : entries()) {
            if (filter.isEmpty() || entry.topic().contains(filter) || entry.subscriber().contains(filter)) {
                matching++;
                if (shown.size() < limit) {
                    shown.add(entry);
                }
            }
        }
        return new Found(List.copyOf(shown), matching);
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
        hub.publishLive(new Update(null, List.of(entry.id()), data, true, null, null)).whenComplete((sent, failure) -> {
            if (failure != null) {
                // Expected while the hub shuts down and every stream closes at once, or while Redis is down.
                LOG.debug("announcing subscription {} failed: {}", entry.id(), failure.toString());
            }
        });
    }
}
