package dev.herald.client;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * What to subscribe to and how to keep the stream alive, with named defaults:
 * {@code SubscribeOptions.of(hub, "https://example.com/books/{id}")} (draft-07 selectors, which every hub
 * takes) or {@code SubscribeOptions.matching(hub, TopicMatcher.urlPattern("https://example.com/books/:id"))}
 * (draft-08 matchers, for Mercure 1.0 hubs) is enough.
 *
 * @param hubs the hub's subscribe URL ({@code https://hub.example/.well-known/mercure}), or several
 *     (the nodes of a cluster): a connection that cannot be made, or is answered 502/503/504, moves on
 *     to the next one, round robin
 * @param matchers the topic matchers, one query parameter each
 * @param tokenProvider asked for a token before every connection
 * @param lastEventId resume after this id on the first connection ({@code earliest}: all retained
 *     history); empty: live updates only
 * @param retry the reconnection delay until the hub sends {@code retry:}
 * @param maxBackoff the cap of the exponential backoff after failures in a row (a hub's larger
 *     {@code retry} still wins)
 * @param heartbeatTimeout a connection that receives no byte for this long is taken for dead and
 *     replaced; {@link Duration#ZERO} turns the check off. Herald writes a heartbeat every 15 s by
 *     default, the reference hub every 40 s: keep this at about three times the hub's interval
 * @param connectTimeout how long to wait for the response head of a connection
 * @param maxLineBytes the longest line of the stream accepted; a longer one fails the subscription
 *     (a hub's largest update plus its field name)
 */
public record SubscribeOptions(List<URI> hubs, List<TopicMatcher> matchers, TokenProvider tokenProvider, String lastEventId,
        Duration retry, Duration maxBackoff, Duration heartbeatTimeout, Duration connectTimeout, int maxLineBytes) {

    /** What browsers wait before reconnecting when the server says nothing (Chrome, Firefox: 3-5 s). */
    public static final Duration DEFAULT_RETRY = Duration.ofSeconds(3);
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(30);
    /** Three of Herald's default 15 s heartbeats: one lost or late heartbeat is not a dead connection. */
    public static final Duration DEFAULT_HEARTBEAT_TIMEOUT = Duration.ofSeconds(45);
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** Herald's largest request body is 1 MiB by default; 4 MiB leaves room for other hubs' limits. */
    public static final int DEFAULT_MAX_LINE_BYTES = 4 * 1024 * 1024;

    public SubscribeOptions {
        hubs = List.copyOf(Objects.requireNonNull(hubs, "hubs"));
        matchers = List.copyOf(Objects.requireNonNull(matchers, "matchers"));
        Objects.requireNonNull(tokenProvider, "tokenProvider");
        Objects.requireNonNull(lastEventId, "lastEventId");
        requireNonNegative(retry, "retry");
        requireNonNegative(maxBackoff, "maxBackoff");
        requireNonNegative(heartbeatTimeout, "heartbeatTimeout");
        requireNonNegative(connectTimeout, "connectTimeout");
        if (hubs.isEmpty()) {
            throw new IllegalArgumentException("at least one hub URL is needed");
        }
        for (URI hub : hubs) {
            String scheme = hub.getScheme();
            if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme)) {
                throw new IllegalArgumentException("a hub URL must be http or https: " + hub);
            }
        }
        if (matchers.isEmpty()) {
            throw new IllegalArgumentException("at least one topic matcher is needed");
        }
        if (connectTimeout.isZero()) {
            throw new IllegalArgumentException("connectTimeout must be positive");
        }
        if (maxLineBytes <= 0) {
            throw new IllegalArgumentException("maxLineBytes must be positive, was " + maxLineBytes);
        }
        if (lastEventId.indexOf('\r') >= 0 || lastEventId.indexOf('\n') >= 0 || lastEventId.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("lastEventId must not contain CR, LF or NUL");
        }
    }

    /**
     * One hub, the given draft-07 selectors ({@code topic=}), anonymous, live updates only, every other
     * setting at its default.
     */
    public static SubscribeOptions of(URI hub, String... topics) {
        return matching(hub, Arrays.stream(topics).map(TopicMatcher::topic).toArray(TopicMatcher[]::new));
    }

    /** One hub, the given matchers (draft-08's {@code match=} and {@code match_urlpattern=}, or {@code topic=}), the rest as {@link #of}. */
    public static SubscribeOptions matching(URI hub, TopicMatcher... matchers) {
        return new SubscribeOptions(List.of(Objects.requireNonNull(hub, "hub")), List.of(matchers), TokenProvider.none(),
                "", DEFAULT_RETRY, DEFAULT_MAX_BACKOFF, DEFAULT_HEARTBEAT_TIMEOUT, DEFAULT_CONNECT_TIMEOUT,
                DEFAULT_MAX_LINE_BYTES);
    }

    public SubscribeOptions withHubs(List<URI> hubs) {
        return new SubscribeOptions(hubs, matchers, tokenProvider, lastEventId, retry, maxBackoff, heartbeatTimeout,
                connectTimeout, maxLineBytes);
    }

    public SubscribeOptions withTokenProvider(TokenProvider tokenProvider) {
        return new SubscribeOptions(hubs, matchers, tokenProvider, lastEventId, retry, maxBackoff, heartbeatTimeout,
                connectTimeout, maxLineBytes);
    }

    public SubscribeOptions withLastEventId(String lastEventId) {
        return new SubscribeOptions(hubs, matchers, tokenProvider, lastEventId, retry, maxBackoff, heartbeatTimeout,
                connectTimeout, maxLineBytes);
    }

    public SubscribeOptions withRetry(Duration retry) {
        return new SubscribeOptions(hubs, matchers, tokenProvider, lastEventId, retry, maxBackoff, heartbeatTimeout,
                connectTimeout, maxLineBytes);
    }

    public SubscribeOptions withMaxBackoff(Duration maxBackoff) {
        return new SubscribeOptions(hubs, matchers, tokenProvider, lastEventId, retry, maxBackoff, heartbeatTimeout,
                connectTimeout, maxLineBytes);
    }

    public SubscribeOptions withHeartbeatTimeout(Duration heartbeatTimeout) {
        return new SubscribeOptions(hubs, matchers, tokenProvider, lastEventId, retry, maxBackoff, heartbeatTimeout,
                connectTimeout, maxLineBytes);
    }

    public SubscribeOptions withConnectTimeout(Duration connectTimeout) {
        return new SubscribeOptions(hubs, matchers, tokenProvider, lastEventId, retry, maxBackoff, heartbeatTimeout,
                connectTimeout, maxLineBytes);
    }

    public SubscribeOptions withMaxLineBytes(int maxLineBytes) {
        return new SubscribeOptions(hubs, matchers, tokenProvider, lastEventId, retry, maxBackoff, heartbeatTimeout,
                connectTimeout, maxLineBytes);
    }

    private static void requireNonNegative(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative, was " + duration);
        }
    }
}
