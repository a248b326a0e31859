package dev.herald.server.stream;

import dev.herald.core.TemplateRegistry;
import dev.herald.core.TopicSelector;
import dev.herald.core.TopicSelector.Template;
import dev.herald.core.TopicSelector.UrlPatternSelector;
import dev.herald.core.urlpattern.InvalidUrlPatternException;
import dev.herald.server.http.HttpException;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One admitted stream's place on the node, taken from {@link StreamAdmission} before its templates are
 * looked at: counted in the node's and its address's streams, and holding its shared templates and URL
 * patterns, until {@link #release} (when the connection closes, or when a later check refuses the
 * stream). Release is safe to repeat.
 */
public final class StreamSlot {

    private final StreamAdmission admission;
    private final Object address;
    private final TemplateRegistry templates;
    private final AtomicBoolean released = new AtomicBoolean();
    /**
     * How a URL pattern's text is counted beside template texts: NUL, which no selector may contain
     * (TopicText), keeps a pattern from ever sharing a count with a template of the same text.
     */
    private static final String URL_PATTERN_KEY = "\u0000urlpattern ";

    /** Template texts (and URL pattern keys) counted against the address; written once by {@link #selectors}. */
    private volatile List<String> countedTexts = List.of();
    private volatile List<TopicSelector> acquired = List.of();

    StreamSlot(StreamAdmission admission, Object address, TemplateRegistry templates) {
        this.admission = admission;
        this.address = address;
        this.templates = templates;
    }

    /**
     * The stream's selectors for these texts, checked against the template caps first: more distinct
     * template texts (any text with a {@code {}, valid or not, counts: nothing is parsed before the
     * check) than a stream may name gets 400, more than its address may hold gets 429. Then each
     * template is taken from the shared registry, compiled only when no stream holds it yet. Called at
     * most once, before {@link #release}, on the stream's event loop (where the release happens too).
     */
    public List<TopicSelector> selectors(List<String> texts) {
        return selectors(texts, List.of(), null);
    }

    /**
     * As {@link #selectors(List)} for draft-07 topic selectors ({@code texts}: {@code *}, exact or URI
     * template) together with draft-08 URL patterns ({@code urlPatterns}, resolved against
     * {@code baseUrl}, the hub's URL). Distinct URL patterns count against the same caps as templates
     * (400 per stream, 429 per address, 503 per node); {@code *} among them is the wildcard and counts
     * for nothing. A pattern that is not valid gets 400 with the reason; what was taken for the stream
     * is given back by {@link #release}, as for any refusal.
     */
    public List<TopicSelector> selectors(List<String> texts, List<String> urlPatterns, String baseUrl) {
        if (released.get() || !countedTexts.isEmpty()) {
            throw new IllegalStateException("selectors are taken once, by a slot not released yet");
        }
        Set<String> templateTexts = new LinkedHashSet<>();
        for (String text : texts) {
            if (text.indexOf('{') >= 0) {
                templateTexts.add(text);
            }
        }
        Set<String> patternTexts = new LinkedHashSet<>(urlPatterns);
        patternTexts.remove(TopicSelector.WILDCARD);
        int maxPerStream = admission.limits().maxTemplatesPerStream();
        if (templateTexts.size() + patternTexts.size() > maxPerStream) {
            throw admission.refused(StreamRefusal.STREAM_TEMPLATES, new HttpException(HttpResponseStatus.BAD_REQUEST,
                    "too many URI template or URL pattern selectors: at most " + maxPerStream
                    + " per stream (--max-templates-per-stream), exact topics are not limited by this"));
        }
        List<String> counted = new ArrayList<>(templateTexts);
        patternTexts.forEach(text -> counted.add(URL_PATTERN_KEY + text));
        admission.holdTemplates(address, counted);
        countedTexts = List.copyOf(counted);
        Map<String, TopicSelector> shared = new HashMap<>();
        List<TopicSelector> taken = new ArrayList<>();
        acquired = taken; // filled as we go: a failure half-way still gives back what was taken
        for (String text : templateTexts) {
            templates.acquire(text).ifPresent(template -> {
                taken.add(template);
                shared.put(text, template);
            });
        }
        List<TopicSelector> selectors = new ArrayList<>(texts.size() + urlPatterns.size());
        for (String text : texts) {
            if (text.indexOf('{') < 0) {
                selectors.add(TopicSelector.parse(text)); // exact or '*': nothing to compile
            } else {
                // Not a valid template (or one too large to compile): matched by equality, as parse would.
                selectors.add(shared.getOrDefault(text, new TopicSelector.Exact(text)));
            }
        }
        for (String text : urlPatterns) {
            selectors.add(TopicSelector.WILDCARD.equals(text) ? TopicSelector.Any.INSTANCE : urlPattern(text, baseUrl, taken));
        }
        return selectors;
    }

    private UrlPatternSelector urlPattern(String text, String baseUrl, List<TopicSelector> taken) {
        try {
            UrlPatternSelector pattern = templates.acquireUrlPattern(text, baseUrl);
            taken.add(pattern);
            return pattern;
        } catch (InvalidUrlPatternException e) {
            throw new HttpException(HttpResponseStatus.BAD_REQUEST, e.getMessage());
        }
    }

    /** Gives the slot and its templates back; later calls do nothing. Any thread. */
    public void release() {
        if (!released.compareAndSet(false, true)) {
            return;
        }
        admission.release(address, countedTexts);
        giveBackTemplates();
    }

    private void giveBackTemplates() {
        List<TopicSelector> held = acquired;
        acquired = List.of();
        for (TopicSelector selector : held) {
            if (selector instanceof Template template) {
                templates.release(template);
            } else {
                templates.release((UrlPatternSelector) selector);
            }
        }
    }
}
