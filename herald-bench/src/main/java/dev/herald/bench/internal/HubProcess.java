package dev.herald.bench.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Herald hub in a JVM of its own, started by the tool for the scenarios that own their hub (the
 * soak): this JVM's {@code java}, this JVM's class path (the bench jar carries the server) and the
 * hub's CLI, on loopback and a port the OS picks. Its output goes to a log file, where the tool also
 * finds the URL it serves. A process of its own, so that its memory, threads and descriptors are the
 * hub's alone, as in production.
 */
public final class HubProcess implements AutoCloseable {

    /** What {@code HeraldCommand} prints once it serves; the one line that gives the port it picked. */
    private static final Pattern RUNNING = Pattern.compile("Herald is running: open (http://[^/\\s]+)/");
    /** The hub's main class: what {@code ./herald} runs. */
    static final String MAIN_CLASS = "dev.herald.server.cli.HeraldCommand";
    private static final long POLL_MILLIS = 20;

    private final Process process;
    private final Path log;
    private final URI url;

    private HubProcess(Process process, Path log, URI url) {
        this.process = process;
        this.log = log;
        this.url = url;
    }

    /**
     * Starts the hub and waits, up to {@code timeout}, until it says it serves.
     *
     * @param prefix words before {@code java}, e.g. {@code taskset -c 0}; empty for none
     * @param jvmOptions the hub JVM's options
     * @param flags the hub's own options ({@code --host} and {@code --port} are set here)
     * @param log where its standard output and error go
     */
    public static HubProcess start(List<String> prefix, List<String> jvmOptions, List<String> flags, Path log,
            Duration timeout) throws InterruptedException {
        List<String> command = new ArrayList<>(prefix);
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), MAIN_CLASS,
                "--host", "127.0.0.1", "--port", "0"));
        command.addAll(flags);
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the hub: " + command, e);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (System.nanoTime() < deadline) {
                URI url = servedUrl(Files.readString(log, StandardCharsets.UTF_8));
                if (url != null) {
                    return new HubProcess(process, log, url);
                }
                if (!process.isAlive()) {
                    throw new IllegalStateException("the hub exited at start (exit " + process.exitValue() + "):\n"
                            + tail(log));
                }
                Thread.sleep(POLL_MILLIS); // polling a log file for one line: bounded by the deadline
            }
        } catch (IOException e) {
            process.destroyForcibly();
            throw new UncheckedIOException("cannot read the hub's log " + log, e);
        } catch (RuntimeException | InterruptedException e) {
            process.destroyForcibly();
            throw e;
        }
        process.destroyForcibly();
        throw new IllegalStateException("the hub did not serve within " + timeout + ":\n" + tail(log));
    }

    /** The URL of the line the hub prints once it serves, or null before it did. */
    static URI servedUrl(String output) {
        Matcher running = RUNNING.matcher(output);
        return running.find() ? URI.create(running.group(1)) : null;
    }

    public URI url() {
        return url;
    }

    public long pid() {
        return process.pid();
    }

    public Path log() {
        return log;
    }

    public boolean alive() {
        return process.isAlive();
    }

    /**
     * Stops the hub with SIGTERM (its graceful shutdown) and waits up to {@code grace}, then kills it.
     * Returns its exit code, or -1 when it had to be killed.
     */
    public int stop(Duration grace) throws InterruptedException {
        process.destroy();
        if (process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
            return process.exitValue();
        }
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        return -1;
    }

    /** The last lines of the hub's log, for an error message. */
    public static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Kills the hub if it still runs. Idempotent. */
    @Override
    public void close() {
        process.destroyForcibly();
    }
}
