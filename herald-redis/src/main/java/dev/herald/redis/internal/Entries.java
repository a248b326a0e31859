package dev.herald.redis.internal;

import dev.herald.core.Position;
import dev.herald.core.StoredUpdate;
import dev.herald.core.Update;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How an update is laid out in a stream entry: entry id {@code 0-<position>}, then fields {@code id},
 * {@code topic.0}, {@code topic.1}... (in order, the first is canonical), {@code data}, and only when
 * present {@code private} ({@code 1}), {@code type} and {@code retry}. Plain fields rather than one
 * encoded value, so {@code XRANGE} in redis-cli shows what was published; values are any UTF-8 text
 * (Redis strings are binary-safe, so CR, LF and NUL survive).
 */
public final class Entries {

    private static final Logger log = LoggerFactory.getLogger(Entries.class);

    private static final String STREAM_ID_PREFIX = "0-";
    private static final String ID = "id";
    private static final String TOPIC = "topic.";
    private static final String DATA = "data";
    private static final String PRIVATE = "private";
    private static final String TYPE = "type";
    private static final String RETRY = "retry";

    private Entries() {
    }

    /** The entry id of a position: the whole order lives in the sequence part. */
    public static String streamId(long position) {
        return STREAM_ID_PREFIX + position;
    }

    /** The position of an entry id this transport wrote; another shape is an IllegalArgumentException. */
    public static long position(String streamId) {
        if (!streamId.startsWith(STREAM_ID_PREFIX)) {
            throw new IllegalArgumentException("not a Herald stream entry id: " + streamId);
        }
        return Long.parseLong(streamId, STREAM_ID_PREFIX.length(), streamId.length(), 10);
    }

    /** Every field but {@code id} (the append script puts it first), as field, value, field, value... */
    public static List<String> fields(Update update) {
        List<String> fields = new ArrayList<>(4 + 2 * update.topics().size() + 6);
        for (int i = 0; i < update.topics().size(); i++) {
            fields.add(TOPIC + i);
            fields.add(update.topics().get(i));
        }
        fields.add(DATA);
        fields.add(update.data());
        if (update.privateUpdate()) {
            fields.add(PRIVATE);
            fields.add("1");
        }
        if (update.type() != null) {
            fields.add(TYPE);
            fields.add(update.type());
        }
        if (update.retry() != null) {
            fields.add(RETRY);
            fields.add(update.retry().toString());
        }
        return fields;
    }

    /**
     * The update in an entry, or null (logged) for an entry that is not one, such as one added by hand
     * with redis-cli: it is skipped rather than stopping delivery for every subscriber.
     */
    public static StoredUpdate decode(String streamId, Map<String, String> fields) {
        try {
            return new StoredUpdate(new Position(position(streamId)), update(fields));
        } catch (RuntimeException e) {
            log.error("Skipping stream entry {}: it is not a Herald update ({})", streamId, e.getMessage());
            return null;
        }
    }

    /**
     * The update laid out in the fields ({@code id} included), as {@link #fields} and the append script
     * write them; a RuntimeException when they are not one.
     */
    static Update update(Map<String, String> fields) {
        List<String> topics = new ArrayList<>(1);
        for (String topic; (topic = fields.get(TOPIC + topics.size())) != null; ) {
            topics.add(topic);
        }
        String retry = fields.get(RETRY);
        return new Update(require(fields, ID), topics, require(fields, DATA),
                "1".equals(fields.get(PRIVATE)), fields.get(TYPE), retry == null ? null : Long.valueOf(retry));
    }

    /** Every field of the update, {@code id} first, as field, value, field, value... */
    static List<String> fieldsWithId(Update update) {
        List<String> fields = new ArrayList<>(fields(update));
        fields.add(0, update.id());
        fields.add(0, ID);
        return fields;
    }

    /** The entry id of an entry as a script returns it: {@code [streamId, [field, value...]]}. */
    public static String streamId(Object rawEntry) {
        return (String) ((List<?>) rawEntry).get(0);
    }

    /** An entry as a script returns it: {@code [streamId, [field, value, field, value...]]}. */
    public static StoredUpdate decode(Object rawEntry) {
        List<?> entry = (List<?>) rawEntry;
        List<?> flat = (List<?>) entry.get(1);
        Map<String, String> fields = new HashMap<>(flat.size());
        for (int i = 0; i + 1 < flat.size(); i += 2) {
            fields.put((String) flat.get(i), (String) flat.get(i + 1));
        }
        return decode((String) entry.get(0), fields);
    }

    private static String require(Map<String, String> fields, String name) {
        String value = fields.get(name);
        if (value == null) {
            throw new IllegalArgumentException("no '" + name + "' field");
        }
        return value;
    }
}
