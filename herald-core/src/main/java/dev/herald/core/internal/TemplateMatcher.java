package dev.herald.core.internal;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * Decides whether a topic is an expansion of one URI template, cheaply enough for the dispatch hot
 * path: the template is compiled once ({@link TemplatePattern}) and answers are remembered per topic.
 * Safe for concurrent use.
 *
 * <p>Templates come from anonymous subscribers and java.util.regex backtracks, so a crafted template
 * ({@code {a}{b}{c}{d}} against a long topic that fails at its end) could cost polynomial time on
 * every publish. Each match therefore gets a budget of character reads ({@link #MAX_READS_PER_CHAR}
 * per topic character, plus {@link #BASE_READS}); a match that exhausts it, or the regex engine's
 * stack, counts as no match (fail closed, as draft-dunglas-mercure asks of pattern matchers).
 * Real templates use one to three reads per character and never come near it; a hostile one costs at
 * most ~7 ns × (4,096 + 32 × length) per topic, ~40 µs for a 50-character topic, and its answer is then
 * cached like any other.
 *
 * <p>Topics rarely repeat, so the cache does not stop a crafted template from spending its whole budget
 * on every publish: 300 of them cost a publish ~12 ms. A template that has exhausted its budget
 * {@link #MAX_EXHAUSTIONS} times is therefore retired: from then on it answers false without running
 * (its selector still matches its own text). Its cost over its whole life is bounded, a few budgets,
 * however many updates follow. Only crafted templates get there: real ones stay 10-30 times under.
 */
public final class TemplateMatcher {

    /**
     * Answers remembered per template. The cache serves the few topics being dispatched right now (the
     * dispatcher asks once per event loop, then each matched subscriber asks again): 64 covers a burst
     * of distinct topics at ~3 KB per template, where 256 took ~13 KB (a ConcurrentHashMap node is 32 B,
     * its table slot and Boolean reference ~16 B more: ~48 B an entry, the topics being the updates').
     */
    public static final int MAX_CACHED_TOPICS = 64;
    static final int BASE_READS = 4_096;
    static final int MAX_READS_PER_CHAR = 32;
    /** Budgets a template may exhaust before it is retired; more than one so a lone odd topic is forgiven. */
    public static final int MAX_EXHAUSTIONS = 3;

    private final Pattern pattern;
    /** Checked before the cache and the regex: a topic without the template's literals never matches. */
    private final LiteralParts literals;
    /**
     * Topic to answer, emptied when full. Memory: 64 entries × ~50 B (node, table slot) ≈ 3 KB per
     * template at most, plus the topic strings: the updates' own instances, not copies, usually kept
     * alive by history anyway. Clearing rather than LRU keeps reads lock-free; concurrent writers may
     * overshoot the bound by one entry each until the next write clears it.
     */
    private final Map<String, Boolean> results = new ConcurrentHashMap<>();
    private final AtomicInteger exhaustions = new AtomicInteger();
    /** Set once {@link #MAX_EXHAUSTIONS} is reached; read on every match, so volatile. */
    private volatile boolean retired;

    private TemplateMatcher(Pattern pattern, LiteralParts literals) {
        this.pattern = pattern;
        this.literals = literals;
    }

    /** A matcher for the text, or empty when it is not a valid RFC 6570 template with an expression. */
    public static Optional<TemplateMatcher> compile(String template) {
        return UriTemplate.parse(template).flatMap(parsed -> TemplatePattern.compileAfterPrefix(parsed)
                .map(pattern -> new TemplateMatcher(pattern, LiteralParts.of(parsed))));
    }

    /** The template's literal text around and between its expressions. */
    public LiteralParts literals() {
        return literals;
    }

    /** True when some assignment of the template's variables expands to exactly this topic. */
    public boolean matches(String topic) {
        Objects.requireNonNull(topic, "topic");
        if (!literals.admits(topic)) {
            return false; // the common answer for most templates on a busy hub: no regex, nothing cached
        }
        if (retired) {
            return false;
        }
        Boolean known = results.get(topic);
        if (known != null) {
            return known;
        }
        // Expansions hold only whole pct-encoded triplets; TemplatePattern relies on this check.
        boolean match = hasOnlyWholeTriplets(topic) && matchWithinBudget(topic);
        if (results.size() >= MAX_CACHED_TOPICS) {
            results.clear();
        }
        results.put(topic, match);
        return match;
    }

    /** True once the template has exhausted its budget {@link #MAX_EXHAUSTIONS} times. */
    public boolean retired() {
        return retired;
    }

    /** How many answers are remembered; for tests of the bound. */
    public int cachedTopicCount() {
        return results.size();
    }

    private static boolean hasOnlyWholeTriplets(String topic) {
        for (int i = topic.indexOf('%'); i >= 0; i = topic.indexOf('%', i + 1)) {
            if (!UriTemplate.isPctEncoded(topic, i)) {
                return false;
            }
        }
        return true;
    }

    private boolean matchWithinBudget(String topic) {
        long reads = BASE_READS + (long) MAX_READS_PER_CHAR * topic.length();
        try {
            // The prefix is checked (literals.admits) and left out of the pattern; the look-behinds may
            // still look into it, hence transparent bounds.
            return pattern.matcher(new ReadBudget(topic, (int) Math.min(Integer.MAX_VALUE, reads)))
                    .region(literals.prefix().length(), topic.length())
                    .useTransparentBounds(true)
                    .matches();
        } catch (ReadBudget.Exhausted e) {
            // A pathological template/topic pair: no match, cached like any other answer; and a strike.
            if (exhaustions.incrementAndGet() >= MAX_EXHAUSTIONS) {
                retired = true;
            }
            return false;
        } catch (StackOverflowError e) {
            // A very long exploded list (see TemplatePattern): no match, but no strike, as real
            // templates can get there on topics with hundreds of pairs.
            return false;
        }
    }
}
