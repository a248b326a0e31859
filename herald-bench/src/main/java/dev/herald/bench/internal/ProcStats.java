package dev.herald.bench.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A process's resident memory and CPU time, read from {@code /proc/PID} (Linux): {@code VmRSS} from
 * {@code status}, {@code utime + stime} from {@code stat} in clock ticks.
 *
 * @param rssKb resident set size in KiB
 * @param cpuMicros user + system CPU time in microseconds, at clock-tick resolution (10 ms here)
 */
public record ProcStats(long rssKb, long cpuMicros) {

    /** Ticks per second, {@code getconf CLK_TCK}; 100 on every Linux we know of. */
    private static final long CLOCK_TICKS = clockTicks();

    public static ProcStats read(long pid) {
        Path proc = Path.of("/proc", Long.toString(pid));
        try {
            return new ProcStats(rssKb(Files.readString(proc.resolve("status"), StandardCharsets.US_ASCII)),
                    cpuTicks(Files.readString(proc.resolve("stat"), StandardCharsets.US_ASCII)) * 1_000_000L / CLOCK_TICKS);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read /proc/" + pid + " (is the server's pid right?)", e);
        }
    }

    /**
     * The process's peak resident memory since it started ({@code VmHWM}), KiB: for a hub just
     * restarted, the peak of whatever it did since.
     */
    public static long peakRssKb(long pid) {
        try {
            return kb(Files.readString(Path.of("/proc", Long.toString(pid), "status"), StandardCharsets.US_ASCII), "VmHWM:");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read /proc/" + pid + "/status (is the server's pid right?)", e);
        }
    }

    /** The process's threads ({@code Threads:} of {@code /proc/PID/status}). */
    public static long threads(long pid) {
        try {
            return threads(Files.readString(Path.of("/proc", Long.toString(pid), "status"), StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read /proc/" + pid + "/status (is the server's pid right?)", e);
        }
    }

    /** The process's open file descriptors: the entries of {@code /proc/PID/fd} (sockets, files, pipes, epoll). */
    public static long openFiles(long pid) {
        try (java.util.stream.Stream<Path> entries = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            return entries.count();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list /proc/" + pid + "/fd (is the server's pid right, and ours?)", e);
        }
    }

    static long threads(String status) {
        for (String line : status.split("\n")) {
            if (line.startsWith("Threads:")) {
                return Long.parseLong(line.substring("Threads:".length()).trim());
            }
        }
        throw new IllegalArgumentException("no Threads: line in /proc/PID/status");
    }

    static long rssKb(String status) {
        return kb(status, "VmRSS:");
    }

    static long kb(String status, String field) {
        for (String line : status.split("\n")) {
            if (line.startsWith(field)) {
                return Long.parseLong(line.substring(field.length()).replace("kB", "").trim());
            }
        }
        throw new IllegalArgumentException("no " + field + " line in /proc/PID/status");
    }

    /** Fields 14 and 15 of {@code stat}, counted after the command name, which may contain spaces. */
    static long cpuTicks(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        // fields[0] is field 3 (state), so utime (14) and stime (15) are at 11 and 12.
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    private static long clockTicks() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(getconf.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            if (getconf.waitFor(5, TimeUnit.SECONDS) && getconf.exitValue() == 0 && out.matches("\\d+")) {
                return Long.parseLong(out);
            }
        } catch (IOException e) {
            // no getconf: fall back to the Linux default
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 100;
    }
}
