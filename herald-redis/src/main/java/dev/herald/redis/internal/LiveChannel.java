package dev.herald.redis.internal;

import dev.herald.core.LiveListener;
import dev.herald.core.Update;
import dev.herald.redis.RedisTransportException;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live-only updates across nodes on Redis pub/sub: {@code PUBLISH} on the hub's channel
 * ({@link Keys#live()}), one {@code SUBSCRIBE}d connection per node. Pub/sub keeps nothing in Redis's
 * memory, takes no room in the stream or its retention, and delivers in publish order per publishing
 * connection; a node whose subscription connection is down misses what is published meanwhile (Lettuce
 * subscribes again when it reconnects), which {@link dev.herald.core.LiveBroadcast} allows.
 *
 * <p>A message is the update's fields ({@link Entries#fieldsWithId}), each written as
 * {@code <length>:<text>} (length in UTF-16 units), so any text, line breaks included, survives. A
 * message that is not one (someone else publishing on the channel) is skipped and logged.
 */
public final class LiveChannel {

    private static final Logger log = LoggerFactory.getLogger(LiveChannel.class);

    private final RedisClusterAsyncCommands<String, String> publisher;
    private final StatefulRedisPubSubConnection<String, String> subscriber;
    private final String channel;
    private final String redis;

    public LiveChannel(RedisClusterAsyncCommands<String, String> publisher,
            StatefulRedisPubSubConnection<String, String> subscriber, Keys keys, String redis) {
        this.publisher = publisher;
        this.subscriber = subscriber;
        this.channel = keys.live();
        this.redis = redis;
    }

    /** Subscribes; the future completes once Redis confirmed the subscription. */
    public CompletableFuture<Void> start(LiveListener listener) {
        subscriber.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String fromChannel, String message) {
                if (!channel.equals(fromChannel)) {
                    return;
                }
                Update update = decode(message);
                if (update != null) {
                    listener.onLive(update);
                }
            }
        });
        return subscriber.async().subscribe(channel).toCompletableFuture();
    }

    /** Publishes to every subscribed node; completes when Redis answered. */
    public CompletableFuture<Void> publish(Update update) {
        return publisher.publish(channel, encode(update)).toCompletableFuture()
                .<Void>thenApply(receivers -> null)
                .exceptionallyCompose(failure -> CompletableFuture.failedFuture(new RedisTransportException(
                        "cannot publish a live-only update to Redis at " + redis + ": " + failure.getMessage(), failure)));
    }

    static String encode(Update update) {
        StringBuilder out = new StringBuilder(update.data().length() + 128);
        for (String field : Entries.fieldsWithId(update)) {
            out.append(field.length()).append(':').append(field);
        }
        return out.toString();
    }

    /** The update in a message, or null (logged) when it is not one. */
    static Update decode(String message) {
        try {
            List<String> flat = new ArrayList<>();
            int at = 0;
            while (at < message.length()) {
                int colon = message.indexOf(':', at);
                int length = Integer.parseInt(message, at, colon, 10);
                flat.add(message.substring(colon + 1, colon + 1 + length));
                at = colon + 1 + length;
            }
            Map<String, String> fields = new HashMap<>(flat.size());
            for (int i = 0; i + 1 < flat.size(); i += 2) {
                fields.put(flat.get(i), flat.get(i + 1));
            }
            return Entries.update(fields);
        } catch (RuntimeException e) {
            log.warn("Skipping a message on the live channel: it is not a Herald live update ({})", e.toString());
            return null;
        }
    }
}
