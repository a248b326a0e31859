package dev.herald.client;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One update to publish, valid by construction: what a hub would refuse with 400 is refused here
 * first (no topic, CR/LF/NUL in {@code id} or {@code type}, an {@code id} starting with {@code #}).
 *
 * <pre>{@code
 * Publication.of("https://example.com/books/1", "{\"title\":\"Dune\"}").asPrivate().withType("book")
 * }</pre>
 *
 * @param topics the first is canonical, the others alternates (Mercure {@code topic}, repeated)
 * @param data the payload, any text; line breaks are fine (the hub splits them into {@code data:} lines)
 * @param isPrivate only subscribers whose token allows one of the topics receive it
 * @param id the update's id; empty: the hub generates one
 * @param type the SSE event type; empty: {@code message}
 * @param retry the reconnection delay the hub passes on to subscribers
 */
public record Publication(List<String> topics, String data, boolean isPrivate, Optional<String> id,
        Optional<String> type, Optional<Duration> retry) {

    public Publication {
        topics = List.copyOf(Objects.requireNonNull(topics, "topics"));
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(retry, "retry");
        if (topics.isEmpty()) {
            throw new IllegalArgumentException("an update needs at least one topic");
        }
        id.ifPresent(value -> {
            requireSingleLine(value, "id");
            if (value.startsWith("#")) {
                throw new IllegalArgumentException("id must not start with '#' (Mercure reserves it)");
            }
        });
        type.ifPresent(value -> requireSingleLine(value, "type"));
        retry.ifPresent(value -> {
            if (value.isNegative()) {
                throw new IllegalArgumentException("retry must not be negative, was " + value);
            }
        });
    }

    /** A public update of one topic, the hub choosing its id. */
    public static Publication of(String topic, String data) {
        return new Publication(List.of(Objects.requireNonNull(topic, "topic")), data, false, Optional.empty(),
                Optional.empty(), Optional.empty());
    }

    public Publication withTopics(List<String> topics) {
        return new Publication(topics, data, isPrivate, id, type, retry);
    }

    public Publication asPrivate() {
        return new Publication(topics, data, true, id, type, retry);
    }

    public Publication withId(String id) {
        return new Publication(topics, data, isPrivate, Optional.of(id), type, retry);
    }

    public Publication withType(String type) {
        return new Publication(topics, data, isPrivate, id, Optional.of(type), retry);
    }

    public Publication withRetry(Duration retry) {
        return new Publication(topics, data, isPrivate, id, type, Optional.of(retry));
    }

    /** CR, LF or NUL would let the value forge SSE fields; the hub refuses them with 400. */
    private static void requireSingleLine(String value, String name) {
        if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0 || value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException(name + " must not contain CR, LF or NUL");
        }
    }
}
