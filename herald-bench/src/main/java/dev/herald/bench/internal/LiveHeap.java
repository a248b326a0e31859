package dev.herald.bench.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The live heap of a JVM on this machine, in bytes: {@code jcmd PID GC.class_histogram}, which runs a
 * full collection first and then counts the objects left, and whose {@code Total} line is their size.
 * Chosen over {@code GC.heap_info} (its "used" counts whole regions, and its format differs per
 * collector) and over the hub's {@code /metrics} (nothing there can ask for a collection). It pauses
 * the hub for the collection, so the tool takes it only outside the measured phase.
 */
public final class LiveHeap {

    private LiveHeap() {
    }

    /** Runs jcmd (the one beside this JVM's java, else on the PATH) against {@code pid}. */
    public static long read(long pid, Duration timeout) {
        Path beside = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        String jcmd = Files.isExecutable(beside) ? beside.toString() : "jcmd";
        try {
            Process process = new ProcessBuilder(jcmd, Long.toString(pid), "GC.class_histogram")
                    .redirectErrorStream(true).start();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("jcmd " + pid + " GC.class_histogram took over " + timeout);
            }
            return totalBytes(new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run jcmd (a JDK, not a JRE, is needed for --live-heap)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the hub's live heap", e);
        }
    }

    /** The bytes of the histogram's {@code Total <instances> <bytes>} line. */
    static long totalBytes(String histogram) {
        for (String line : histogram.split("\n")) {
            String[] words = line.trim().split("\\s+");
            if (words.length == 3 && "Total".equals(words[0])) {
                return Long.parseLong(words[2]);
            }
        }
        throw new IllegalArgumentException("no Total line in jcmd's class histogram (is the pid a JVM of this user?): "
                + histogram.substring(0, Math.min(200, histogram.length())).strip());
    }
}
