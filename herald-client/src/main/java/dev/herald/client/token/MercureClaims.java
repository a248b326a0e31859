package dev.herald.client.token;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a draft-07 Mercure token grants: {@code {"mercure": {"publish": [...], "subscribe": [...]}}} and
 * when it expires.
 *
 * @param publish topic selectors the holder may publish to ({@code *}: any)
 * @param subscribe topic selectors whose private updates the holder may receive
 * @param expiresAt the {@code exp} claim; empty: the token never expires (hubs accept it; prefer one)
 */
public record MercureClaims(List<String> publish, List<String> subscribe, Optional<Instant> expiresAt) {

    public MercureClaims {
        publish = List.copyOf(Objects.requireNonNull(publish, "publish"));
        subscribe = List.copyOf(Objects.requireNonNull(subscribe, "subscribe"));
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    public static MercureClaims publisher(String... selectors) {
        return new MercureClaims(List.of(selectors), List.of(), Optional.empty());
    }

    public static MercureClaims subscriber(String... selectors) {
        return new MercureClaims(List.of(), List.of(selectors), Optional.empty());
    }

    public MercureClaims withPublish(List<String> selectors) {
        return new MercureClaims(selectors, subscribe, expiresAt);
    }

    public MercureClaims withSubscribe(List<String> selectors) {
        return new MercureClaims(publish, selectors, expiresAt);
    }

    public MercureClaims expiringAt(Instant expiry) {
        return new MercureClaims(publish, subscribe, Optional.of(expiry));
    }
}
