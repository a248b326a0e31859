package dev.herald.bench.jmh;

import dev.herald.core.Position;
import dev.herald.core.StoredUpdate;
import dev.herald.core.Update;
import dev.herald.server.stream.EncodedUpdate;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The user-space half of a fan-out, as the hub's dispatch loop does it: encode the update once into
 * a pre-framed chunk ({@link EncodedUpdate}), write a read-only duplicate to every subscriber's
 * channel, flush each. The dispatcher's own classes are internal to the server, so this drives the
 * same steps on {@link EmbeddedChannel}s: no sockets, so no system calls, which on a real hub cost
 * more than all of this (about 5 µs per write here). Time is per update, for all subscribers.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class DispatchBenchmark {

    @Param({"1", "100", "1000"})
    public int subscribers;

    private final ByteBufAllocator allocator = PooledByteBufAllocator.DEFAULT;
    private EmbeddedChannel[] channels;
    private StoredUpdate update;
    private long sequence;

    @Setup(Level.Trial)
    public void prepare() {
        channels = new EmbeddedChannel[subscribers];
        for (int i = 0; i < subscribers; i++) {
            channels[i] = new EmbeddedChannel();
        }
        update = new StoredUpdate(new Position(1), new Update("urn:uuid:019abc12-3456-7000-8000-0123456789ab",
                List.of("https://example.com/books/1"), "x".repeat(100), false, null, null));
    }

    @Benchmark
    public void encodeOnceWriteToAll() {
        EncodedUpdate encoded = EncodedUpdate.encode(new StoredUpdate(new Position(++sequence), update.update()), allocator);
        try {
            for (EmbeddedChannel channel : channels) {
                channel.write(encoded.retainedFrame(), channel.voidPromise());
            }
            for (EmbeddedChannel channel : channels) {
                channel.flush();
                channel.releaseOutbound(); // what the socket write would consume
            }
        } finally {
            encoded.release();
        }
    }

    @TearDown(Level.Trial)
    public void close() {
        for (EmbeddedChannel channel : channels) {
            channel.finishAndReleaseAll();
        }
    }
}
