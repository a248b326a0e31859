package dev.herald.bench;

import dev.herald.bench.internal.LiveHeap;
import dev.herald.bench.internal.ProcStats;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntSupplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Samples the hub on a thread of its own, at {@code 0, period, 2 × period, …} from its start while
 * that is before the end: its live heap (a full collection each time, through {@link LiveHeap}: the
 * hub pauses for it), resident memory, descriptors,
 * threads and the store's files, and the tool's open connections.
 */
final class SoakSampler implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SoakSampler.class);

    private final long pid;
    private final Path dataDir;
    private final IntSupplier connections;
    private final List<SoakSample> samples = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private final long startNanos;
    private volatile boolean stopped;

    private SoakSampler(long pid, Path dataDir, IntSupplier connections, Duration period, Duration until) {
        this.pid = pid;
        this.dataDir = dataDir;
        this.connections = connections;
        this.startNanos = System.nanoTime();
        this.thread = new Thread(() -> run(period, until), "soak-sampler");
        thread.setDaemon(true);
    }

    /** Starts sampling now; the first sample is taken at once. */
    static SoakSampler start(long pid, Path dataDir, IntSupplier connections, Duration period, Duration until) {
        SoakSampler sampler = new SoakSampler(pid, dataDir, connections, period, until);
        sampler.thread.start();
        return sampler;
    }

    private void run(Duration period, Duration until) {
        for (long k = 0; k * period.toNanos() < until.toNanos(); k++) {
            long due = startNanos + k * period.toNanos();
            try {
                long wait;
                while ((wait = due - System.nanoTime()) > 0 && !stopped) {
                    // A sampling period, not a wait for a condition; in slices, so that close() is heard.
                    Thread.sleep(Math.max(1, Math.min(100, wait / 1_000_000)));
                }
            } catch (InterruptedException e) {
                return;
            }
            if (stopped) {
                return;
            }
            try {
                SoakSample sample = sample();
                samples.add(sample);
                LOG.info(String.format(Locale.ROOT, "t=%5.0fs heap %s MiB, RSS %.1f MiB, %d descriptors, %d threads, "
                        + "store %.2f MiB, %d connections", sample.seconds(),
                        sample.heapBytes() == null ? "?" : String.format(Locale.ROOT, "%.1f", sample.heapBytes() / 1048576.0),
                        sample.rssKb() / 1024.0, sample.openFiles(), sample.threads(), sample.storeBytes() / 1048576.0,
                        sample.connections()));
            } catch (RuntimeException e) {
                LOG.warn("the hub could not be sampled ({}); sampling stops", e.getMessage());
                return;
            }
        }
    }

    /** The quick figures first, at the sample's time; then the live heap, whose jcmd takes a second or more. */
    private SoakSample sample() {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        ProcStats stats = ProcStats.read(pid);
        long openFiles = ProcStats.openFiles(pid);
        long threads = ProcStats.threads(pid);
        long store = storeBytes(dataDir);
        int open = connections.getAsInt();
        Long heap;
        try {
            heap = LiveHeap.read(pid, BenchOptions.LIVE_HEAP_TIMEOUT);
        } catch (RuntimeException e) {
            LOG.warn("the hub's live heap could not be read: {}", e.getMessage());
            heap = null;
        }
        return new SoakSample(Math.round(seconds * 10) / 10.0, heap, stats.rssKb(), openFiles, threads, store,
                stats.cpuMicros(), open);
    }

    /** The store's files together ({@code herald.db} and its {@code -wal} and {@code -shm}). */
    static long storeBytes(Path dataDir) {
        try (Stream<Path> files = Files.list(dataDir)) {
            return files.filter(file -> file.getFileName().toString().startsWith("herald.db")).mapToLong(file -> {
                try {
                    return Files.size(file);
                } catch (IOException e) {
                    return 0; // gone between the listing and the size: a file SQLite just removed
                }
            }).sum();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the store's directory " + dataDir, e);
        }
    }

    /** The samples so far, in order. */
    List<SoakSample> samples() {
        return List.copyOf(samples);
    }

    /**
     * Stops sampling and waits for a sample in progress to end, whole (a jcmd is bounded by its
     * timeout): interrupting it would leave that sample without its heap.
     */
    @Override
    public void close() throws InterruptedException {
        stopped = true;
        thread.join(BenchOptions.LIVE_HEAP_TIMEOUT.plusSeconds(5).toMillis());
    }
}
