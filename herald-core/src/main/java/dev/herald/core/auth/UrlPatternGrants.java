package dev.herald.core.auth;

import static dev.herald.core.auth.InvalidTokenException.Reason.MALFORMED;

import dev.herald.core.TopicSelector;

/**
 * Compiles the {@code urlpattern} topic grants of draft-08 access tokens ({@code "match_type":
 * "urlpattern"} in an authorization detail) into selectors: the seam between token verification and
 * the WHATWG URL Pattern matcher, so the verifier does not depend on how patterns are matched.
 *
 * <p>Contract: {@link #compile} returns a selector that matches exactly the topics the pattern matches
 * (relative patterns resolved against the hub's URL, {@code ignoreCase} off), or throws
 * {@link IllegalArgumentException} for a pattern that is not valid; the token carrying it is then
 * refused as a whole ({@code invalid_token}), never read as "no grant". Called once per verified token
 * (the verifier remembers tokens), from any thread.
 */
@FunctionalInterface
public interface UrlPatternGrants {

    /**
     * Refuses every token with a {@code urlpattern} grant, with a reason that says so: for verifiers that
     * match no URL patterns (tests of other rules). Refusing is the only safe answer: skipping the grant
     * would silently change what the token allows, which draft-08 forbids.
     */
    UrlPatternGrants NOT_SUPPORTED_YET = new UrlPatternGrants() {
        @Override
        public TopicSelector compile(String pattern) {
            throw new InvalidTokenException(MALFORMED, "urlpattern grants are not supported by this hub yet");
        }

        @Override
        public boolean supported() {
            return false;
        }
    };

    /** Grants compiled by Herald's URL Pattern matcher, relative patterns resolved against {@code hubUrl}. */
    static UrlPatternGrants against(String hubUrl) {
        return pattern -> TopicSelector.urlPattern(pattern, hubUrl);
    }

    /** The selector for one pattern; {@link IllegalArgumentException} when the pattern is invalid. */
    TopicSelector compile(String pattern);

    /** False for the placeholder: the hub's metadata then does not announce the {@code urlpattern} type. */
    default boolean supported() {
        return true;
    }
}
