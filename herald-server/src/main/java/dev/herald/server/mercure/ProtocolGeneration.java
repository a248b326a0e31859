package dev.herald.server.mercure;

import dev.herald.core.auth.TokenGeneration;

/**
 * Which Mercure protocol a request speaks, decided per request so one hub serves both with no setting.
 * A stream is {@link #DRAFT_08} when it names any {@code match*} parameter or comes as {@code QUERY}
 * (draft-07 has neither), {@link #DRAFT_07} when it has only {@code topic=}; it then receives the
 * subscription events of its own generation only ({@link ActiveSubscriptions#eventsOf}).
 */
public enum ProtocolGeneration {
    /** {@code topic=}, JSON-LD subscription documents on {@code /subscriptions/{topic}/{subscriber}}. */
    DRAFT_07,
    /** {@code match*=}, plain JSON on {@code /subscriptions/{match_type}/{match}/{subscriber}}, {@code event: mercure}. */
    DRAFT_08;

    /** The generation a token was made for: an access token ({@code at+jwt}) is draft-08's. */
    static ProtocolGeneration of(TokenGeneration token) {
        return token == TokenGeneration.DRAFT_08 ? DRAFT_08 : DRAFT_07;
    }
}
