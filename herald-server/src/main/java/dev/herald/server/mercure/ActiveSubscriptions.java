package dev.herald.server.mercure;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.herald.core.Hub;
import dev.herald.core.LastEventId;
import dev.herald.core.LiveListener;
import dev.herald.core.StoredUpdate;
import dev.herald.core.Update;
import dev.herald.core.UpdateListener;
import dev.herald.server.SubscriptionsOptions;
import dev.herald.server.stream.CloseReason;
import dev.herald.server.stream.StreamRequest.StreamLifecycle;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mercure's active subscriptions: every subscription that starts or ends is announced as private updates,
 * one per topic matcher of a stream, in the shape of each protocol generation
 * ({@link SubscriptionDocuments}): draft-07's JSON-LD on {@code /.well-known/mercure/subscriptions/{topic}/{subscriber}}
 * and draft-08's JSON ({@code event: mercure}) on {@code …/subscriptions/{match_type}/{match}/{subscriber}}.
 * A stream receives those of its own generation only ({@link #eventsOf}). Announcements are live-only
 * ({@link Hub#publishLive}): they reach the subscribers allowed to see them on every node, and are never
 * stored, counted toward retention or replayed, so opening and closing streams, however often, costs
 * nothing durable. The listing for {@link SubscriptionsApi} is built from the draft-08 announcements (the
 * shape that says the matcher type) as every node receives them, so on a cluster every node lists the
 * subscriptions of every node; publishers' updates on those topics do not change it (they may not
 * publish there anyway: the namespace is the hub's).
 *
 * <p>Bounds: subscribers without a token are announced only when
 * {@link SubscriptionsOptions#announceAnonymous()} says so, and at most
 * {@link SubscriptionsOptions#maxListed()} subscriptions are listed: one that starts beyond the cap is
 * announced but not listed (a warning is logged when the listing becomes full).
 *
 * <p>Limits: the listing starts empty when a node starts (it follows announcements from then on); the
 * subscriptions of a node that died without announcing their end, or whose end this node missed (it
 * was disconnected from Redis then), stay listed until this node restarts. A subscriber resuming from
 * the listing's cursor gets the stored updates after it, not the announcements: to follow the listing,
 * open the announcements' stream first, then read the listing.
 */
public final class ActiveSubscriptions implements UpdateListener, LiveListener {

    public static final String TOPIC_PREFIX = MercureEndpoint.PATH + "/subscriptions";
    private static final Logger LOG = LoggerFactory.getLogger(ActiveSubscriptions.class);
    private static final Predicate<Update> DRAFT_08_EVENTS = SubscriptionDocuments::isDraft08;
    private static final Predicate<Update> DRAFT_07_EVENTS = DRAFT_08_EVENTS.negate();

    /**
     * One topic matcher of one subscriber.
     *
     * @param matchType its draft-08 {@code match_type} (a draft-07 selector's, by {@link MatchType})
     * @param match the matcher as the subscriber wrote it: draft-07's {@code topic}, draft-08's {@code match}
     * @param payload what the subscriber's token says about this subscription; null when nothing
     */
    public record Entry(MatchType matchType, String match, String subscriber, Object payload) {
        public Entry {
            Objects.requireNonNull(matchType, "matchType");
            Objects.requireNonNull(match, "match");
            Objects.requireNonNull(subscriber, "subscriber");
        }

        /** The matcher as draft-07 names it (its {@code topic}), which the dashboard shows. */
        public String topic() {
            return match;
        }

        /** What identifies the subscription in the listing: its draft-08 id. */
        String key() {
            return SubscriptionDocuments.draft08Id(this);
        }
    }

    /** One topic matcher of a stream to announce: its type and its text. */
    record Matcher(MatchType type, String text) {
        Matcher {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(text, "text");
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

    /** Follows the draft-08 announcements of every node (each subscription is announced in both shapes). */
    @Override
    public void onLive(Update update) {
        if (update.privateUpdate() && SubscriptionDocuments.isDraft08(update) && update.topic().startsWith(TOPIC_PREFIX + "/")) {
            follow(update);
        }
    }

    /**
     * Which live-only updates a stream of the generation takes: the subscription events in its own shape.
     * Announcements are the hub's only live-only updates, and the stream layer asks this of those alone
     * ({@link dev.herald.server.stream.StreamRequest#liveOnly()}): publishers' updates never pay for it,
     * and an announcement pays one string comparison per stream it is offered to.
     */
    static Predicate<Update> eventsOf(ProtocolGeneration generation) {
        return generation == ProtocolGeneration.DRAFT_08 ? DRAFT_08_EVENTS : DRAFT_07_EVENTS;
    }


    private void follow(Update announcement) {
        SubscriptionDocuments.Announced announced;
        try {
            Optional<SubscriptionDocuments.Announced> read = SubscriptionDocuments.read(announcement);
            if (read.isEmpty()) {
                return;
            }
            announced = read.get();
        } catch (JsonProcessingException e) {
            LOG.debug("ignoring a malformed subscription announcement on {}", announcement.topic());
            return;
        }
        Entry entry = announced.entry();
        synchronized (listed) {
            if (!announced.active()) {
                listed.remove(entry.key());
                full = full && listed.size() >= options.maxListed();
                return;
            }
            if (listed.size() < options.maxListed() || listed.containsKey(entry.key())) {
                listed.put(entry.key(), entry);
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
     * @param payloadOf the payload of each matcher's subscription, by its text ({@code Claims::payloadFor})
     */
    StreamLifecycle track(List<Matcher> matchers, Function<String, Object> payloadOf, boolean anonymous) {
        if (!options.enabled() || (anonymous && !options.announceAnonymous())) {
            return StreamLifecycle.NONE;
        }
        String subscriber = "urn:uuid:" + UUID.randomUUID();
        List<Entry> entries = new ArrayList<>(matchers.size());
        matchers.forEach(matcher -> entries.add(new Entry(matcher.type(), matcher.text(), subscriber,
                payloadOf.apply(matcher.text()))));
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
            if (filter.isEmpty() || entry.match().contains(filter) || entry.subscriber().contains(filter)) {
                matching++;
                if (shown.size() < limit) {
                    shown.add(entry);
                }
            }
        }
        return new Found(List.copyOf(shown), matching);
    }

    private void announce(Entry entry, boolean active) {
        for (Update announcement : SubscriptionDocuments.announcements(entry, active)) {
            hub.publishLive(announcement).whenComplete((sent, failure) -> {
                if (failure != null) {
                    // Expected while the hub shuts down and every stream closes at once, or while Redis is down.
                    LOG.debug("announcing subscription {} failed: {}", announcement.topic(), failure.toString());
                }
            });
        }
    }
}
