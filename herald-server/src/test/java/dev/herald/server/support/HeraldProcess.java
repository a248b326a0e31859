package dev.herald.server.support;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Herald as a separate JVM, started the way {@code ./herald} starts it (the same main class and
 * flags), for tests that need real signals: SIGTERM, SIGKILL, restarts on the same data.
 */
public final class HeraldProcess implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern RUNNING = Pattern.compile("Herald is running: open (https?://[^/]+)/");

    private final Process process;
    private final List<String> output = new CopyOnWriteArrayList<>();
    private volatile URI base;
    private volatile boolean outputEnded;

    private HeraldProcess(Process process) {
        this.process = process;
        Thread reader = new Thread(this::readOutput, "herald-process-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts a hub on a free port with the given flags and waits until it serves. */
    public static HeraldProcess start(String... flags) {
        return startWithJvmOptions(List.of(), flags);
    }

    /** Starts a hub whose JVM takes these options (e.g. {@code -XX:ActiveProcessorCount=1}: one event loop). */
    public static HeraldProcess startWithJvmOptions(List<String> jvmOptions, String... flags) {
        return launch(command(jvmOptions, 0, flags));
    }

    /**
     * Starts a hub on the port an earlier one had (a restart that clients find at the same address).
     * Only a port the OS chose for this test run: never a fixed one.
     */
    public static HeraldProcess startOnPort(int port, String... flags) {
        return launch(command(List.of(), port, flags));
    }

    private static HeraldProcess launch(List<String> command) {
        try {
            HeraldProcess hub = new HeraldProcess(new ProcessBuilder(command).redirectErrorStream(true).start());
            // A JVM start takes a second alone, and tens of seconds on a machine loaded by other builds.
            await("the hub to start").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(20))
                    .until(() -> hub.base != null || !hub.process.isAlive());
            if (hub.base == null) {
                throw new AssertionError("the hub did not start:\n" + String.join("\n", hub.output));
            }
            return hub;
        } catch (IOException e) {
            throw new UncheckedIOException("starting " + command, e);
        }
    }

    /** How a hub that refused to start ended: its exit code and what it printed. */
    public record Refusal(int exitCode, List<String> output) {
    }

    /**
     * Starts a hub that is expected to refuse its configuration: waits for it to exit and returns how.
     * Fails the test when it starts serving instead.
     */
    public static Refusal refusal(String... flags) {
        HeraldProcess hub;
        List<String> command = command(List.of(), 0, flags);
        try {
            hub = new HeraldProcess(new ProcessBuilder(command).redirectErrorStream(true).start());
        } catch (IOException e) {
            throw new UncheckedIOException("starting " + command, e);
        }
        try (hub) {
            await("the hub to exit").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                    .until(() -> hub.base != null || !hub.process.isAlive());
            if (hub.base != null) {
                throw new AssertionError("the hub started instead of refusing:\n" + String.join("\n", hub.output));
            }
            // The exit is seen before the output reader has read the last line: wait for the stream's end.
            await("the hub's last output").atMost(Duration.ofSeconds(5)).until(() -> hub.outputEnded);
            return new Refusal(hub.process.exitValue(), hub.output());
        }
    }

    /** {@code ./herald}'s command on the port (0: a free one): this JVM, this class path, the CLI's main class. */
    private static List<String> command(List<String> jvmOptions, int port, String... flags) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"),
                "dev.herald.server.cli.HeraldCommand", "--port", Integer.toString(port)));
        command.addAll(List.of(flags));
        return command;
    }

    public URI uri(String pathAndQuery) {
        return base.resolve(pathAndQuery);
    }

    public Process process() {
        return process;
    }

    /** Posts a demo message to {@code /send}; the test decides what the answer must be. */
    public HttpResponse<String> send(HttpClient client, String message) throws IOException, InterruptedException {
        String body = JSON.createObjectNode().put("message", message).toString();
        return client.send(HttpRequest.newBuilder(uri("/send"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The id of an accepted {@code /send}; fails the test on any other answer than 200. */
    public static String idOf(HttpResponse<String> sent) {
        if (sent.statusCode() != 200) {
            throw new AssertionError("/send answered " + sent.statusCode() + ": " + sent.body());
        }
        return RunningHub.json(sent.body()).get("id").asText();
    }

    /** What the hub printed (stdout and stderr), line by line. */
    public List<String> output() {
        return List.copyOf(output);
    }

    /** Sends SIGTERM and waits for the exit code. */
    public int terminate(Duration within) throws InterruptedException {
        // Through the handle: Process.destroy() would also close our end of the hub's output.
        process.toHandle().destroy();
        if (!process.waitFor(within.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the hub did not exit within " + within + " of SIGTERM");
        }
        return process.exitValue();
    }

    /** Sends SIGKILL: the hub gets no chance to clean up. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }

    private void readOutput() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                output.add(line);
                Matcher running = RUNNING.matcher(line);
                if (running.find()) {
                    base = URI.create(running.group(1) + "/");
                }
            }
        } catch (IOException e) {
            // the process ended
        }
        outputEnded = true;
    }
}
