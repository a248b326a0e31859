package dev.herald.server.mercure;

import java.util.Optional;

/**
 * The {@code match_type} of a subscription as draft-08's subscription events and API name it. Draft-07
 * subscriptions are described in the same terms, so both generations list the same subscriptions: a
 * {@code topic=} selector without expressions (or {@code *}) is {@link #EXACT}, since it matches the same
 * topics as {@code match=}; a URI template has no draft-08 equivalent and is {@link #URI_TEMPLATE},
 * Herald's own name, which appears only in events and the API (no request or token may use it).
 */
public enum MatchType {
    EXACT("exact"),
    URL_PATTERN("urlpattern"),
    /** Herald's: a draft-07 RFC 6570 URI template ({@code topic=https://example.com/books/{id}}). */
    URI_TEMPLATE("uritemplate");

    private final String wireName;

    MatchType(String wireName) {
        this.wireName = wireName;
    }

    /** The name in events, documents and paths: lower case, as the draft's registry spells it. */
    public String wireName() {
        return wireName;
    }

    /** The type a wire name names, exactly (path components are case-sensitive); empty for any other. */
    public static Optional<MatchType> ofWireName(String name) {
        for (MatchType type : values()) {
            if (type.wireName.equals(name)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
