package dev.herald.bench.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A worker in its own JVM ({@code java -cp <this classpath> WorkerMain}), so subscribers can go past
 * the per-process open-file limit (20,000 here) and use the second core. Its stderr is the
 * coordinator's; its stdout carries JSON lines only. It dies with the coordinator: when this JVM
 * exits, even killed, the worker's stdin ends and it halts.
 */
public final class ForkedWorker implements WorkerLink {

    private final Process process;
    private final Writer stdin;
    /**
     * The worker's answers in order; one per command, so each call takes the next. A failure (an error
     * line, the worker's exit) is queued as a node with an {@code error} field.
     */
    private final BlockingQueue<JsonNode> answers = new LinkedBlockingQueue<>();

    public ForkedWorker(WorkerPlan plan, List<String> jvmOptions) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(WorkerMain.class.getName());
        try {
            process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a worker JVM (" + command.get(0) + ")", e);
        }
        stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(this::readMessages, "worker-" + process.pid());
        reader.setDaemon(true);
        reader.start();
        send(Json.line(plan));
    }

    @Override
    public WorkerResult.Ready awaitReady(Duration timeout) throws InterruptedException {
        return answer("ready", WorkerResult.Ready.class, timeout);
    }

    @Override
    public WorkerResult.Drained drain(long[] ackedPerTopic, Duration drain, Duration timeout) throws InterruptedException {
        send(Json.line(new WorkerMain.Drain(ackedPerTopic, drain.toMillis())));
        return answer("drained", WorkerResult.Drained.class, timeout);
    }

    @Override
    public WorkerResult.Disconnected disconnect(Duration timeout) throws InterruptedException {
        send(WorkerMain.DISCONNECT);
        return answer("disconnected", WorkerResult.Disconnected.class, timeout);
    }

    @Override
    public WorkerResult.Reconnected reconnect(long spreadMillis, long retryMillis, Duration timeout)
            throws InterruptedException {
        send(Json.line(new WorkerMain.Reconnect(spreadMillis, retryMillis)));
        return answer("reconnected", WorkerResult.Reconnected.class, timeout);
    }

    @Override
    public WorkerResult finish(Duration timeout) throws InterruptedException {
        send(WorkerMain.FINISH);
        return answer("result", WorkerResult.class, timeout);
    }

    /** The next answer, which must be {@code key}'s. */
    private <T> T answer(String key, Class<T> type, Duration timeout) throws InterruptedException {
        JsonNode message = answers.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (message == null) {
            throw new IllegalStateException("the worker (pid " + process.pid() + ") did not answer within " + timeout);
        }
        if (message.has("error")) {
            answers.add(message); // every later call fails the same way
            throw new IllegalStateException(message.get("error").asText());
        }
        if (!message.has(key)) {
            throw new IllegalStateException("the worker answered " + message.fieldNames().next() + ", not " + key);
        }
        try {
            return Json.MAPPER.treeToValue(message.get(key), type);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("the worker's " + key + " is not a " + type.getSimpleName(), e);
        }
    }

    @Override
    public void close() {
        try {
            stdin.close(); // the worker halts when its stdin ends
        } catch (IOException e) {
            // the worker is already gone: nothing to close
        }
        process.destroyForcibly();
    }

    private void send(String line) {
        try {
            stdin.write(line);
            stdin.write('\n');
            stdin.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("the worker (pid " + process.pid() + ") is gone", e);
        }
    }

    private void readMessages() {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (!line.startsWith("{")) {
                    System.err.println(line); // the JVM's own chatter (-XX options, JFR): not a message
                    continue;
                }
                JsonNode message = Json.tree(line);
                if (message.has("error")) {
                    failAll("the worker failed: " + message.get("error").asText());
                } else {
                    answers.add(message);
                }
            }
        } catch (IOException | RuntimeException e) {
            failAll("reading the worker's output failed: " + e);
        }
        failAll("the worker (pid " + process.pid() + ") exited");
    }

    private void failAll(String why) {
        answers.add(Json.MAPPER.createObjectNode().put("error", why));
    }
}
