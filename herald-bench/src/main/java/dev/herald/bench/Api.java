package dev.herald.bench;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * How the tool subscribes and publishes, so that any SSE server is measured with the same yardstick:
 * the subscriber side is always a plain HTTP/1.1 {@code GET} read as {@code text/event-stream}.
 */
public enum Api {
    /** Mercure: {@code GET /.well-known/mercure?topic=...} (repeated per topic), form {@code POST}. */
    MERCURE("/.well-known/mercure", "/.well-known/mercure", "application/x-www-form-urlencoded"),
    /** Herald's demo API: {@code GET /stream}, {@code POST /send} with {@code {"message": ...}}; one topic. */
    DEMO("/stream", "/send", "application/json"),
    /** Any server: the message is the whole {@code POST} body; {@code {topic}} in a path is the topic. */
    RAW("/stream", "/publish", "text/plain; charset=utf-8");

    private final String defaultSubscribePath;
    private final String defaultPublishPath;
    private final String contentType;

    Api(String defaultSubscribePath, String defaultPublishPath, String contentType) {
        this.defaultSubscribePath = defaultSubscribePath;
        this.defaultPublishPath = defaultPublishPath;
        this.contentType = contentType;
    }

    public String defaultSubscribePath() {
        return defaultSubscribePath;
    }

    public String defaultPublishPath() {
        return defaultPublishPath;
    }

    public String contentType() {
        return contentType;
    }

    /** Whether one subscription can name several topics (only Mercure's can). */
    public boolean multiTopic() {
        return this == MERCURE;
    }

    /** Whether the API has topics at all (the demo has only its own). */
    public boolean hasTopics() {
        return this != DEMO;
    }

    /**
     * The request target of a subscription: for Mercure, the path with one {@code topic} parameter per
     * topic; otherwise the path with {@code {topic}} replaced by the first topic.
     */
    public String subscribeTarget(String path, List<String> topics) {
        if (this == MERCURE) {
            StringBuilder target = new StringBuilder(path).append(path.indexOf('?') < 0 ? '?' : '&');
            for (int i = 0; i < topics.size(); i++) {
                target.append(i == 0 ? "" : "&").append("topic=").append(encode(topics.get(i)));
            }
            return target.toString();
        }
        return path.replace("{topic}", encode(topics.get(0)));
    }

    /** The request target of a publish to the topic. */
    public String publishTarget(String path, String topic) {
        return path.replace("{topic}", encode(topic));
    }

    /**
     * The body publishing {@code data} (ASCII letters, digits and colons: see the payload stamp) to the
     * topic, whose form-encoded name the caller passes ({@link #encode}: the same for every publish).
     */
    public byte[] publishBody(String encodedTopic, String data) {
        String body = switch (this) {
            case MERCURE -> "topic=" + encodedTopic + "&data=" + encodeStamp(data);
            case DEMO -> "{\"message\":\"" + data + "\"}";
            case RAW -> data;
        };
        return body.getBytes(StandardCharsets.UTF_8);
    }

    /** Form (and path) encoding, as {@link URLEncoder} does it. */
    public static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /**
     * {@link #encode} for a payload: of a stamp's alphabet only the colon needs escaping. The generic
     * encoder was the tool's largest cost per publish (7 % of its core), and the tool's core is what
     * limits the fastest publish runs.
     */
    static String encodeStamp(String data) {
        for (int i = 0; i < data.length(); i++) {
            char c = data.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == ':')) {
                return encode(data);
            }
        }
        return data.replace(":", "%3A");
    }
}
