package dev.herald.core;

import dev.herald.core.TopicSelector.Template;
import dev.herald.core.TopicSelector.UrlPatternSelector;
import dev.herald.core.urlpattern.InvalidUrlPatternException;
import dev.herald.core.urlpattern.UrlPattern;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * URI templates and URL patterns shared by text among the subscriptions that hold them: one compiled
 * matcher (pattern and answer cache) per distinct text (and base URL, for URL patterns), however many
 * streams name it, kept exactly while one of them does. Each {@link #acquire} that returns a template,
 * and each {@link #acquireUrlPattern}, must be paired with one {@link #release}. What
 * bounds the number of distinct texts is the caller's admission policy (the server's caps per stream
 * and per source address), not this class. Thread-safe: streams of every event loop share one.
 *
 * <p>Unlike {@link TopicSelector#parse}'s cache of recently parsed templates, nothing held is ever
 * evicted and compiled again per stream: 19,200 selectors over 64 distinct texts compile 64 patterns.
 */
public final class TemplateRegistry {

    /** A template and how many holders it has; the count changes only inside the map's compute calls. */
    private static final class Held {
        final Template template;
        volatile int holders; // written only inside compute; volatile for readers outside it

        Held(Template template) {
            this.template = template;
        }
    }

    /** A URL pattern's identity: the same text against another base is another pattern. */
    private record PatternKey(String text, String baseUrl) {}

    /** A URL pattern and how many holders it has; as {@link Held}. */
    private static final class HeldPattern {
        final UrlPatternSelector selector;
        volatile int holders;

        HeldPattern(UrlPatternSelector selector) {
            this.selector = selector;
        }
    }

    private final Map<String, Held> held = new ConcurrentHashMap<>();
    private final Map<PatternKey, HeldPattern> heldPatterns = new ConcurrentHashMap<>();

    /**
     * The shared template for the text, compiled on first use, or empty when the text is not a valid
     * URI template with an expression (the caller then matches it by equality). One more holder.
     */
    public Optional<Template> acquire(String text) {
        Objects.requireNonNull(text, "text");
        Held entry = held.compute(text, (key, existing) -> {
            Held taken = existing;
            if (taken == null) {
                Template compiled = Template.compile(key);
                if (compiled == null) {
                    return null;
                }
                taken = new Held(compiled);
            }
            taken.holders++;
            return taken;
        });
        return entry == null ? Optional.empty() : Optional.of(entry.template);
    }

    /**
     * The shared URL pattern for the text and base URL, compiled on first use. One more holder.
     *
     * @throws InvalidUrlPatternException when the text is not a valid URL pattern (nothing is held then)
     */
    public UrlPatternSelector acquireUrlPattern(String text, String baseUrl) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(baseUrl, "baseUrl");
        HeldPattern entry = heldPatterns.compute(new PatternKey(text, baseUrl), (key, existing) -> {
            HeldPattern taken = existing;
            if (taken == null) {
                taken = new HeldPattern(new UrlPatternSelector(UrlPattern.compile(text, baseUrl)));
            }
            taken.holders++;
            return taken;
        });
        return entry.selector;
    }

    /** One holder fewer; the last one's release forgets the template. Releasing what is not held does nothing. */
    public void release(Template template) {
        Objects.requireNonNull(template, "template");
        held.computeIfPresent(template.text(), (key, entry) -> --entry.holders == 0 ? null : entry);
    }

    /** One holder fewer; the last one's release forgets the pattern. Releasing what is not held does nothing. */
    public void release(UrlPatternSelector pattern) {
        Objects.requireNonNull(pattern, "pattern");
        heldPatterns.computeIfPresent(new PatternKey(pattern.text(), pattern.baseUrl()),
                (key, entry) -> --entry.holders == 0 ? null : entry);
    }

    /** Distinct templates held now. */
    public int size() {
        return held.size();
    }

    /** Distinct URL patterns held now. */
    public int urlPatternCount() {
        return heldPatterns.size();
    }

    /** Holders of the template's text now; 0 when it is not held. */
    public int holders(String text) {
        Held entry = held.get(text);
        return entry == null ? 0 : entry.holders;
    }
}
