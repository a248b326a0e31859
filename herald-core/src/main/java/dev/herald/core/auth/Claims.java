package dev.herald.core.auth;

import dev.herald.core.Subscription;
import dev.herald.core.TopicSelector;
import dev.herald.core.Update;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a verified token allows (the {@code mercure} claim), immutable.
 *
 * @param publish selectors the bearer may publish to ({@code mercure.publish}); empty when absent,
 *     which allows no publishing at all
 * @param subscribe selectors whose private updates the bearer may receive ({@code mercure.subscribe});
 *     empty when absent
 * @param payload {@code mercure.payload}: any JSON value as plain, unmodifiable Java values
 *     ({@code Map<String, Object>}, {@code List<Object>}, {@code String}, {@code Long}/{@code Double},
 *     {@code Boolean}); null when absent
 * @param expiresAt the token's {@code exp}, so the server can close a stream when it passes
 * @param subscribeDetails a draft-08 token's {@code subscribe} authorization details in token order,
 *     for {@link #payloadFor}; empty for a draft-07 token, whose one {@code payload} serves every
 *     subscription
 */
public record Claims(List<TopicSelector> publish, List<TopicSelector> subscribe, Object payload,
        Optional<Instant> expiresAt, List<SubscribeDetail> subscribeDetails) {

    /** No token: nothing may be published, only public updates are received. */
    public static final Claims ANONYMOUS = new Claims(List.of(), List.of(), null, Optional.empty());

    /**
     * One {@code subscribe} authorization detail of a draft-08 token: its topic grants and its
     * {@code payload} (null when it has none).
     */
    public record SubscribeDetail(List<TopicSelector> topics, Object payload) {
        public SubscribeDetail {
            topics = List.copyOf(Objects.requireNonNull(topics, "topics"));
            payload = JsonValues.freeze(payload);
        }
    }

    public Claims {
        publish = List.copyOf(Objects.requireNonNull(publish, "publish"));
        subscribe = List.copyOf(Objects.requireNonNull(subscribe, "subscribe"));
        payload = JsonValues.freeze(payload);
        Objects.requireNonNull(expiresAt, "expiresAt");
        subscribeDetails = List.copyOf(Objects.requireNonNull(subscribeDetails, "subscribeDetails"));
    }

    /** Claims of a draft-07 token (or none): one payload for every subscription. */
    public Claims(List<TopicSelector> publish, List<TopicSelector> subscribe, Object payload, Optional<Instant> expiresAt) {
        this(publish, subscribe, payload, expiresAt, List.of());
    }

    /**
     * The payload announced and listed for one subscription, by its own selector text: for a draft-07
     * token its {@code mercure.payload}; for a draft-08 token the payload of the first {@code subscribe}
     * detail one of whose grants matches the selector text taken as a topic (draft-08 "Payloads": a
     * {@code *} grant matches every subscription and so serves as a default), null when none matches.
     */
    public Object payloadFor(String selector) {
        Objects.requireNonNull(selector, "selector");
        if (subscribeDetails.isEmpty()) {
            return payload;
        }
        for (SubscribeDetail detail : subscribeDetails) {
            if (anyMatches(detail.topics(), selector)) {
                return detail.payload();
            }
        }
        return null;
    }

    /**
     * True when the bearer may publish the update: <em>every</em> topic, canonical and alternates,
     * matches at least one {@code publish} selector (Mercure; otherwise the hub answers 403 and
     * dispatches nothing). Checking only the canonical topic would let a publisher smuggle an update
     * into a topic it may not publish to by naming it as an alternate.
     */
    public boolean canPublish(Update update) {
        Objects.requireNonNull(update, "update");
        for (String topic : update.topics()) {
            if (!anyMatches(publish, topic)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The selectors for private delivery, to pass as {@link Subscription#privateSelectors()}: a private
     * update reaches this bearer only when one of them matches at least one of its topics.
     */
    public List<TopicSelector> subscribeSelectors() {
        return subscribe;
    }

    /** A subscription to the requested selectors, authorized for this bearer's private updates. */
    public Subscription subscription(List<TopicSelector> requested) {
        return new Subscription(requested, subscribe);
    }

    private static boolean anyMatches(List<TopicSelector> selectors, String topic) {
        for (TopicSelector selector : selectors) {
            if (selector.matches(topic)) {
                return true;
            }
        }
        return false;
    }
}
