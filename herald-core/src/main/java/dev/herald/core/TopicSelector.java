package dev.herald.core;

import dev.herald.core.internal.LruCache;
import dev.herald.core.internal.TemplateMatcher;
import dev.herald.core.urlpattern.InvalidUrlPatternException;
import dev.herald.core.urlpattern.UrlPattern;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Chooses the topics a subscriber receives (Mercure: a topic selector, draft-08: a topic matcher).
 * {@code *} matches every topic; an RFC 6570 URI template (draft-07's {@code topic=}) matches the topics
 * it can expand to, and its own text; a WHATWG URL pattern (draft-08's {@code match_urlpattern=},
 * {@link #urlPattern}) the topics whose URL it matches; any other selector, an invalid template
 * included, matches the topic equal to it.
 */
public sealed interface TopicSelector
        permits TopicSelector.Any, TopicSelector.Exact, TopicSelector.Template, TopicSelector.UrlPatternSelector {

    String WILDCARD = "*";

    /** True when the selector selects this topic. Safe to call from any thread. */
    boolean matches(String topic);

    /** The selector as the subscriber wrote it. */
    String text();

    /**
     * {@link Any} for {@code *}, a {@link Template} when the text is a valid RFC 6570 template with at
     * least one expression, otherwise {@link Exact}. The same template text gives the same instance
     * while it stays among the recently parsed ones, so its compiled pattern and answers are shared.
     */
    static TopicSelector parse(String text) {
        Objects.requireNonNull(text, "selector");
        if (WILDCARD.equals(text)) {
            return Any.INSTANCE;
        }
        if (text.indexOf('{') < 0) {
            return new Exact(text); // the common case: no expression, nothing to compile
        }
        Template template = Template.intern(text);
        return template != null ? template : new Exact(text);
    }

    /**
     * Draft-08's {@code urlpattern} matcher: {@link Any} for {@code *} (the wildcard whatever the matcher
     * type), otherwise the compiled pattern. Relative patterns and topics resolve against the base URL,
     * the hub's own URL ({@code https://example.com/.well-known/mercure}).
     *
     * @throws InvalidUrlPatternException with a message for the client when the pattern is not a
     *     well-formed URL pattern, uses a regular expression feature without a linear-time match, or
     *     exceeds one of {@link UrlPattern}'s bounds (4,096 bytes, 64 groups, program size)
     */
    static TopicSelector urlPattern(String pattern, String baseUrl) {
        Objects.requireNonNull(pattern, "pattern");
        Objects.requireNonNull(baseUrl, "baseUrl");
        if (WILDCARD.equals(pattern)) {
            return Any.INSTANCE;
        }
        return new UrlPatternSelector(UrlPattern.compile(pattern, baseUrl));
    }

    /** {@code *}: every topic. */
    enum Any implements TopicSelector {
        INSTANCE;

        @Override
        public boolean matches(String topic) {
            return true;
        }

        @Override
        public String text() {
            return WILDCARD;
        }
    }

    /** One topic, compared by equality: the common case, a hash lookup when indexed. */
    record Exact(String text) implements TopicSelector {
        public Exact {
            Objects.requireNonNull(text, "text");
        }

        @Override
        public boolean matches(String topic) {
            return text.equals(topic);
        }
    }

    /**
     * An RFC 6570 URI template (levels 1 to 4): matches a topic when some assignment of its variables
     * expands to exactly that topic, or when the topic equals the template's text. How precisely, and
     * the few deliberate approximations, is documented on the internal {@code TemplatePattern}. Built
     * only by {@link TopicSelector#parse}; equal when the texts are.
     */
    final class Template implements TopicSelector {

        /**
         * Compiled templates shared by text, for the callers of {@link TopicSelector#parse} (tokens'
         * claims, tests); the server's streams take theirs from a {@link TemplateRegistry} instead, which
         * shares them exactly while they are held. Bounded because the texts come from clients: a
         * compiled template takes ~1.2 KB typically (measured, prefix left out of the pattern) and ~90 KB
         * at most ({@code TemplatePattern.MAX_PATTERN_LENGTH}), plus up to ~3 KB of cached answers; 1,000
         * entries are ~1-4 MB typically and ~100 MB at worst. An evicted template lives on in the
         * subscriptions holding it; parsing its text again compiles a new instance. A static because
         * {@code parse} is the single, static entry point.
         */
        static final int MAX_INTERNED = 1_000;

        private static final LruCache<String, Template> INTERNED = new LruCache<>(MAX_INTERNED);

        private final String text;
        private final TemplateMatcher matcher;

        private Template(String text, TemplateMatcher matcher) {
            this.text = text;
            this.matcher = matcher;
        }

        /** The shared instance for the text, or null when the text is not a valid template. */
        private static Template intern(String text) {
            return INTERNED.computeIfAbsent(text, Template::compile);
        }

        /**
         * A new instance, not interned, or null when the text is not a valid template: for
         * {@link TemplateRegistry}, which shares templates by text among the streams holding them.
         */
        static Template compile(String text) {
            return TemplateMatcher.compile(text).map(matcher -> new Template(text, matcher)).orElse(null);
        }

        @Override
        public boolean matches(String topic) {
            // Equality first: Mercure lets a selector match itself, and no expansion contains a brace.
            return text.equals(topic) || matcher.matches(topic);
        }

        @Override
        public String text() {
            return text;
        }

        /**
         * The literal text before the first expression ({@code https://example.com/books/} of
         * {@code https://example.com/books/{id}}); empty when the template starts with one. Every topic
         * it matches starts with it, the template's own text included: the dispatcher indexes by it.
         */
        public String prefix() {
            return matcher.literals().prefix();
        }

        /** The literal text after the last expression; empty when the template ends with one. Every
         * topic it matches ends with it. */
        public String suffix() {
            return matcher.literals().suffix();
        }

        static int internedCount() {
            return INTERNED.size();
        }

        int cachedTopicCount() {
            return matcher.cachedTopicCount();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Template template && template.text.equals(text);
        }

        @Override
        public int hashCode() {
            return text.hashCode();
        }

        @Override
        public String toString() {
            return "Template[text=" + text + "]";
        }
    }

    /**
     * A WHATWG URL pattern (draft-08's {@code urlpattern} matcher type): matches the topics that parse,
     * against the pattern's base URL, to a URL every component of the pattern matches; never by its own
     * text. Built by {@link TopicSelector#urlPattern} (or shared by a {@link TemplateRegistry}); equal when
     * pattern and base URL are, and never equal to a template or exact selector of the same text.
     */
    final class UrlPatternSelector implements TopicSelector {

        private final UrlPattern pattern;
        /**
         * Topic to answer, emptied when full: the dispatcher asks once per event loop and each matched
         * subscriber again, so a burst of a few topics is matched once each. 64 entries ≈ 3 KB, as
         * for templates; clearing rather than LRU keeps reads lock-free.
         */
        private final Map<String, Boolean> answers = new ConcurrentHashMap<>();

        UrlPatternSelector(UrlPattern pattern) {
            this.pattern = Objects.requireNonNull(pattern, "pattern");
        }

        @Override
        public boolean matches(String topic) {
            Boolean known = answers.get(topic);
            if (known != null) {
                return known;
            }
            boolean match = pattern.matches(topic);
            if (answers.size() >= TemplateMatcher.MAX_CACHED_TOPICS) {
                answers.clear();
            }
            answers.put(topic, match);
            return match;
        }

        @Override
        public String text() {
            return pattern.text();
        }

        /** The base URL relative patterns and topics resolve against. */
        public String baseUrl() {
            return pattern.baseUrl();
        }

        /** See {@link UrlPattern#indexKey}: the dispatcher's index key, null when the hostname is not fixed. */
        public String indexKey() {
            return pattern.indexKey();
        }

        /** The compiled pattern. */
        public UrlPattern pattern() {
            return pattern;
        }

        int cachedTopicCount() {
            return answers.size();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof UrlPatternSelector selector && selector.text().equals(text())
                    && Objects.equals(selector.baseUrl(), baseUrl());
        }

        @Override
        public int hashCode() {
            return Objects.hash(text(), baseUrl());
        }

        @Override
        public String toString() {
            return "UrlPatternSelector[text=" + text() + ", base=" + baseUrl() + "]";
        }
    }
}
