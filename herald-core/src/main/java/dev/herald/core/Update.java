package dev.herald.core;

import java.util.List;
import java.util.Objects;

/**
 * One published update, immutable and valid by construction.
 *
 * <p>The first topic is the canonical one, the others are alternates (Mercure). {@code id} is null
 * until the transport assigns one ({@link #withId}); {@code type} and {@code retry} are null when
 * absent. The constructor rejects every value the SSE encoder could not write faithfully: an
 * {@code id} or {@code type} with CR, LF or NUL would let a publisher forge extra fields or whole
 * events on every subscriber's stream, so they never get past here. Topics refuse control and format
 * characters ({@link TopicText}): they are logged and shown, so they must not forge log lines.
 */
public record Update(String id, List<String> topics, String data, boolean privateUpdate, String type, Long retry) {

    /**
     * The largest {@code retry}: 18 digits, what a publish form may carry and what clients read (Herald's
     * parser ignores longer values, as a long cannot hold every 19-digit number). Found by fuzzing.
     */
    public static final long MAX_RETRY_MILLIS = 999_999_999_999_999_999L;

    public Update {
        Objects.requireNonNull(topics, "topics");
        Objects.requireNonNull(data, "data");
        topics = List.copyOf(topics);
        if (topics.isEmpty()) {
            throw new InvalidUpdateException("an update needs at least one topic");
        }
        for (String topic : topics) {
            if (topic.isEmpty()) {
                throw new InvalidUpdateException("a topic must not be empty");
            }
            TopicText.problem(topic).ifPresent(problem -> {
                throw new InvalidUpdateException("topic " + problem);
            });
        }
        if (id != null) {
            requireSingleLine("id", id);
            if (id.startsWith("#")) {
                throw new InvalidUpdateException("id must not start with '#'");
            }
            if (LastEventId.EARLIEST.equals(id)) {
                // Reserved: a client resuming after it would be given all of history instead.
                throw new InvalidUpdateException("id must not be '" + LastEventId.EARLIEST + "', which is reserved");
            }
        }
        if (type != null) {
            requireSingleLine("type", type);
        }
        if (retry != null && retry < 0) {
            throw new InvalidUpdateException("retry must not be negative");
        }
        if (retry != null && retry > MAX_RETRY_MILLIS) {
            throw new InvalidUpdateException("retry must be at most " + MAX_RETRY_MILLIS + " ms (18 digits)");
        }
    }

    /** A public update without id, type or retry: the common case. */
    public static Update of(String topic, String data) {
        return new Update(null, List.of(topic), data, false, null, null);
    }

    /** This update with the given id; the receiver is left as it was. */
    public Update withId(String newId) {
        Objects.requireNonNull(newId, "id");
        return new Update(newId, topics, data, privateUpdate, type, retry);
    }

    /** The canonical topic: the first one. */
    public String topic() {
        return topics.get(0);
    }

    private static void requireSingleLine(String field, String value) {
        if (value.isEmpty()) {
            throw new InvalidUpdateException(field + " must not be empty");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\r' || c == '\n' || c == '\0') {
                throw new InvalidUpdateException(field + " must not contain CR, LF or NUL");
            }
        }
    }
}
