package dev.herald.core.urlpattern;

import java.util.Objects;

/**
 * Reads topics' {@linkplain UrlPattern#indexKey index keys} against one base URL, parsed once: what a
 * dispatcher looks up, per published topic, to find the URL patterns that may match it. Immutable and
 * thread-safe.
 */
public final class TopicKeys {

    private final WhatwgUrl base;

    private TopicKeys(WhatwgUrl base) {
        this.base = base;
    }

    /**
     * @throws InvalidUrlPatternException when the base URL is not a URL
     */
    public static TopicKeys against(String baseUrl) {
        Objects.requireNonNull(baseUrl, "baseUrl");
        WhatwgUrl base = WhatwgUrl.parse(baseUrl, null);
        if (base == null) {
            throw new InvalidUrlPatternException("invalid base URL " + Canonicalizer.quote(baseUrl));
        }
        return new TopicKeys(base);
    }

    /**
     * The topic's canonical hostname, a space and its pathname, as {@link UrlPattern#matches} would see
     * them; null when the topic is no URL or is longer than {@link UrlPattern#MAX_INPUT_LENGTH} (no
     * pattern matches it then). One URL parse: linear in the topic.
     */
    public String keyOf(String topic) {
        if (topic.length() > UrlPattern.MAX_INPUT_LENGTH) {
            return null;
        }
        WhatwgUrl url = WhatwgUrl.parse(topic, base);
        return url == null ? null : (url.host == null ? "" : url.host) + " " + url.pathname();
    }
}
