package dev.herald.bench.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Restarts the hub between two phases of a run: {@code bash -c COMMAND} with the hub's current pid in
 * {@code HERALD_PID}; the command stops that hub and starts one again (same data, same port), waits
 * until it answers, and prints the new hub's pid as the last line of its standard output (the hub's own
 * output must go elsewhere, a log file). Its standard error is the tool's. See
 * {@code herald-bench/restart-hub.sh}.
 */
public final class RestartCommand {

    private RestartCommand() {
    }

    /** Runs the command; returns the new hub's pid. Throws when it fails, times out or prints no pid. */
    public static long run(String command, long pid, Duration timeout) throws InterruptedException {
        Path out;
        Process process;
        try {
            // A file, not a pipe: the wait below is then bounded by the timeout alone.
            out = Files.createTempFile("herald-bench-restart", ".out");
            ProcessBuilder builder = new ProcessBuilder(List.of("bash", "-c", command))
                    .redirectError(ProcessBuilder.Redirect.INHERIT).redirectOutput(out.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            builder.environment().put("HERALD_PID", Long.toString(pid));
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run the restart command (bash is needed)", e);
        }
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("the restart command took over " + timeout);
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("the restart command failed (exit " + process.exitValue() + ")");
            }
            return lastPid(Files.readString(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("reading the restart command's output failed", e);
        } finally {
            process.destroyForcibly();
            try {
                Files.deleteIfExists(out);
            } catch (IOException e) {
                // a temporary file left in /tmp: harmless
            }
        }
    }

    /** The last non-blank line of the output, which must be a pid. */
    static long lastPid(String out) {
        String[] lines = out.strip().split("\n");
        String last = lines[lines.length - 1].trim();
        if (!last.matches("\\d{1,10}")) {
            throw new IllegalStateException("the restart command's last line must be the new pid, not '" + last + "'");
        }
        return Long.parseLong(last);
    }
}
