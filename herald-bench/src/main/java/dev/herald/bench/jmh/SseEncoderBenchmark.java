package dev.herald.bench.jmh;

import dev.herald.core.Position;
import dev.herald.core.StoredUpdate;
import dev.herald.core.Update;
import dev.herald.core.sse.SseEncoder;
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
 * {@link SseEncoder#encode}: once per update, whatever the number of subscribers, so its cost bounds
 * the publish rate of one node. Data shapes: a typical 100-byte message, a 4 KiB one, and one with a
 * line break every 40 characters (each becomes its own {@code data:} line).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SseEncoderBenchmark {

    @Param({"small", "large", "multiline"})
    public String shape;

    private StoredUpdate update;

    @Setup
    public void prepare() {
        String data = switch (shape) {
            case "small" -> "x".repeat(100);
            case "large" -> "x".repeat(4096);
            default -> ("y".repeat(39) + "\n").repeat(25);
        };
        update = new StoredUpdate(new Position(42),
                new Update("urn:uuid:019abc12-3456-7000-8000-0123456789ab", List.of("https://example.com/books/1"),
                        data, false, "book", null));
    }

    @Benchmark
    public byte[] encode() {
        return SseEncoder.encode(update);
    }
}
