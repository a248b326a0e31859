package dev.herald.server.stream;

import dev.herald.core.TemplateRegistry;
import dev.herald.core.TopicSelector;
import dev.herald.core.TopicSelector.Template;
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
 * looked at: counted in the node's and its address's streams, and holding its shared templates, until
 * {@link #release} (when the connection closes, or when a later check refuses the stream). Release is
 * safe to repeat.
 */
public final class StreamSlot {

    private final StreamAdmission admission;
    private final Object address;
    private final TemplateRegistry templates;
    private final AtomicBoolean released = new AtomicBoolean();
    /** Template texts counted against the address; written once by {@link #selectors}. */
    private volatile List<String> countedTexts = List.of();
    private volatile List<Template> acquired = List.of();

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
        if (released.get() || !countedTexts.isEmpty()) {
            throw new IllegalStateException("selectors are taken once, by a slot not released yet");
        }
        Set<String> templateTexts = new LinkedHashSet<>();
        for (String text : texts) {
            if (text.indexOf('{') >= 0) {
                templateTexts.add(text);
            }
        }
        int maxPerStream = admission.limits().maxTemplatesPerStream();
        if (templateTexts.size() > maxPerStream) {
            throw admission.refused(StreamRefusal.STREAM_TEMPLATES, new HttpException(HttpResponseStatus.BAD_REQUEST,
                    "too many URI template selectors: at most " + maxPerStream
                    + " per stream (--max-templates-per-stream), exact topics are not limited by this"));
        }
        admission.holdTemplates(address, templateTexts);
        countedTexts = List.copyOf(templateTexts);
        Map<String, TopicSelector> shared = new HashMap<>();
        List<Template> taken = new ArrayList<>();
        acquired = taken; // filled as we go: a failure half-way still gives back what was taken
        for (String text : templateTexts) {
            templates.acquire(text).ifPresent(template -> {
                taken.add(template);
                shared.put(text, template);
            });
        }
        List<TopicSelector> selectors = new ArrayList<>(texts.size());
        for (String text : texts) {
            if (text.indexOf('{') < 0) {
                selectors.add(TopicSelector.parse(text)); // exact or '*': nothing to compile
            } else {
                // Not a valid template (or one too large to compile): matched by equality, as parse would.
                selectors.add(shared.getOrDefault(text, new TopicSelector.Exact(text)));
            }
        }
        return selectors;
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
        List<Template> held = acquired;
        acquired = List.of();
        held.forEach(templates::release);
    }
}
