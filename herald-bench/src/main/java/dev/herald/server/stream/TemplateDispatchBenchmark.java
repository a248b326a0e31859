package dev.herald.server.stream;

import dev.herald.core.Subscription;
import dev.herald.core.TemplateRegistry;
import dev.herald.core.TopicSelector;
import dev.herald.core.Update;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue 13's template flood, the matching half of one publish: 300 streams naming 64 URI templates
 * each (19,200 selectors over 64 distinct texts, shared through {@link TemplateRegistry}), one update
 * with a topic never seen before (so no answer cache helps). {@code indexed} is what a loop's dispatch
 * does now: the {@link TemplateIndex} yields the candidate templates, each matching one offers the
 * update to its holders, and each holder re-checks its whole subscription (as {@code SseSubscriber}
 * does). {@code scanAll} is what it did before: every template subscriber's subscription checked.
 * Time is per update, on one loop; in the stream package because the index is the server's internal.
 *
 * <p>{@code kind}: {@code app}, templates of one application ({@code https://example.com/t7/{id}}),
 * the topic matching one of them; {@code foreign}, the same templates and a topic of another host;
 * {@code bare}, templates with no literal at either end ({@code {a7}{b}{c}...{h}}: each a candidate for
 * every topic, and slow to fail); {@code crafted}, templates made to spend their whole read budget on
 * such topics ({@code {+a7}{+b}...{+g}/{h:1}}), which retire after three exhausted budgets (the steady
 * state measured here; each costs ~40 µs a publish before that).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class TemplateDispatchBenchmark {

    private static final int STREAMS = 300;
    private static final int TEMPLATES = 64;
    private static final int TOPICS = 1 << 20;

    @Param({"app", "foreign", "bare", "crafted"})
    public String kind;

    private final TemplateRegistry registry = new TemplateRegistry();
    private final TemplateIndex<Subscription> index = new TemplateIndex<>();
    private final List<Subscription> subscriptions = new ArrayList<>();
    private String[] topics;
    private int next;
    private int delivered;

    @Setup
    public void prepare() {
        for (int s = 0; s < STREAMS; s++) {
            List<TopicSelector> selectors = new ArrayList<>();
            for (int t = 0; t < TEMPLATES; t++) {
                selectors.add(registry.acquire(template(t)).orElseThrow());
            }
            Subscription subscription = Subscription.anonymous(selectors);
            subscriptions.add(subscription);
            selectors.forEach(selector -> index.add((TopicSelector.Template) selector, subscription));
        }
        topics = new String[TOPICS];
        String base = "foreign".equals(kind) ? "https://other.example/t7/" : "https://example.com/t7/";
        for (int i = 0; i < TOPICS; i++) {
            topics[i] = base + i;
        }
    }

    private String template(int t) {
        return switch (kind) {
            case "bare" -> "{a" + t + "}{b}{c}{d}{e}{f}{g}{h}";
            case "crafted" -> "{+a" + t + "}{+b}{+c}{+d}{+e}{+f}{+g}/{h:1}";
            default -> "https://example.com/t" + t + "/{id}";
        };
    }

    @Benchmark
    public int indexed() {
        Update update = nextUpdate();
        delivered = 0;
        index.forEachMatch(update.topic(), subscription -> {
            if (subscription.accepts(update)) {
                delivered++;
            }
        });
        return delivered;
    }

    @Benchmark
    public int scanAll() {
        Update update = nextUpdate();
        int count = 0;
        for (Subscription subscription : subscriptions) {
            if (subscription.accepts(update)) {
                count++;
            }
        }
        return count;
    }

    private Update nextUpdate() {
        String topic = topics[next];
        next = next + 1 == TOPICS ? 0 : next + 1;
        return new Update(null, List.of(topic), "x", false, null, null);
    }
}
