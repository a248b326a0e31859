package dev.herald.bench.jmh;

import dev.herald.core.TopicSelector;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link TopicSelector#matches}: exact selectors are string equality (and a hash lookup in the
 * dispatcher); URI templates are compiled once and cache their answers per topic. {@code templateHit}
 * asks about one topic again and again (the cache answers); {@code templateManyTopics} cycles through
 * 100,000 distinct topics, more than the cache holds, so most calls run the compiled pattern.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class TopicMatchingBenchmark {

    private static final int TOPICS = 100_000;

    /**
     * Fields, not literals, and a distinct instance: the JIT folds constants, and equals() of a string
     * with itself returns at once, while a published topic is never the subscriber's instance.
     */
    private String hitTopic = new String("https://example.com/books/1".toCharArray());
    private String missTopic = "https://example.com/books/2";
    private String templateText = "https://example.com/books/{id}";
    private TopicSelector exact;
    private TopicSelector template;
    private String[] topics;
    private int next;

    @Setup
    public void prepare() {
        exact = TopicSelector.parse("https://example.com/books/1");
        template = TopicSelector.parse("https://example.com/books/{id}");
        topics = new String[TOPICS];
        for (int i = 0; i < TOPICS; i++) {
            topics[i] = "https://example.com/books/" + i;
        }
    }

    @Benchmark
    public boolean exactHit() {
        return exact.matches(hitTopic);
    }

    @Benchmark
    public boolean exactMiss() {
        return exact.matches(missTopic);
    }

    @Benchmark
    public boolean templateHit() {
        return template.matches(hitTopic);
    }

    @Benchmark
    public boolean templateManyTopics() {
        String topic = topics[next];
        next = next + 1 == TOPICS ? 0 : next + 1;
        return template.matches(topic);
    }

    @Benchmark
    public TopicSelector parseTemplate() {
        return TopicSelector.parse(templateText); // interned: a cache lookup
    }
}
