package dev.herald.core.auth;

import static dev.herald.core.auth.InvalidTokenException.Reason.MALFORMED;

import dev.herald.core.TopicSelector;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the {@code mercure} claim of a verified token into {@link Claims}. A claim of the wrong shape
 * refuses the whole token rather than being read as "no rights": a publisher whose token says
 * {@code "publish": "*"} should learn its token is wrong, not get a puzzling 403.
 */
final class MercureClaim {

    static final String NAME = "mercure";

    private MercureClaim() {}

    /**
     * @param mercure the claim's value as parsed from JSON, null when absent
     * @param expiresAt the token's {@code exp}, null when absent
     */
    static Claims read(Object mercure, Date expiresAt) {
        Optional<Instant> expiry = Optional.ofNullable(expiresAt).map(Date::toInstant);
        if (mercure == null) {
            return new Claims(List.of(), List.of(), null, expiry);
        }
        if (!(mercure instanceof Map<?, ?> claim)) {
            throw new InvalidTokenException(MALFORMED, "mercure claim must be a JSON object");
        }
        Object payload;
        try {
            payload = JsonValues.freeze(claim.get("payload"));
        } catch (IllegalArgumentException e) {
            throw new InvalidTokenException(MALFORMED, "mercure.payload is not JSON");
        }
        return new Claims(selectors(claim, "publish"), selectors(claim, "subscribe"), payload, expiry);
    }

    private static List<TopicSelector> selectors(Map<?, ?> claim, String field) {
        Object value = claim.get(field);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> texts)) {
            throw new InvalidTokenException(MALFORMED, "mercure." + field + " must be an array of strings");
        }
        List<TopicSelector> selectors = new ArrayList<>(texts.size());
        for (Object text : texts) {
            if (!(text instanceof String selector)) {
                throw new InvalidTokenException(MALFORMED, "mercure." + field + " must be an array of strings");
            }
            try {
                selectors.add(TopicSelector.parse(selector));
            } catch (IllegalArgumentException e) {
                // The selector's text stays out of the message: it is data from the token.
                throw new InvalidTokenException(MALFORMED, "mercure." + field + " holds an invalid topic selector");
            }
        }
        return selectors;
    }
}
