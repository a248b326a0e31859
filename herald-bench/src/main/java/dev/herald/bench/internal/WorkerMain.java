package dev.herald.bench.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A forked worker process. Talks to the coordinator in JSON lines: reads a {@link WorkerPlan} on stdin
 * and answers {@code {"ready": ...}}; then, as often as the coordinator asks, reads {@link Drain} and
 * answers {@code {"drained": ...}}, {@link #DISCONNECT} and answers {@code {"disconnected": ...}}, or
 * {@link Reconnect} and answers {@code {"reconnected": ...}}; reads {@link #FINISH} and answers
 * {@code {"result": ...}}, then exits.
 *
 * <p>It dies with the coordinator: the end of stdin (the coordinator exited, even by SIGKILL) or the
 * plan's hard deadline halts it at once, so no run leaves load generators behind.
 */
public final class WorkerMain {

    /** Acknowledged publishes per topic index, and how long to wait for their deliveries. */
    public record Drain(long[] acked, long drainMillis) {
    }

    /** Reopen the subscribers spread over {@code spreadMillis}, retrying 503s for {@code retryMillis}. */
    public record Reconnect(long spreadMillis, long retryMillis) {
    }

    static final String FINISH = "{\"finish\":true}";
    static final String DISCONNECT = "{\"disconnect\":true}";

    private WorkerMain() {
    }

    public static void main(String[] args) throws Exception {
        LoadGenerator.withoutLeakSampling();
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        BlockingQueue<String> commands = new LinkedBlockingQueue<>();
        // Set once the worker reports: from then on the coordinator may close stdin while we exit.
        AtomicBoolean finishing = new AtomicBoolean();
        Thread reader = new Thread(() -> readCommands(commands, finishing), "coordinator-reader");
        reader.setDaemon(true);
        reader.start();
        WorkerPlan plan = Json.read(commands.take(), WorkerPlan.class);
        haltAt(plan.hardDeadlineEpochMillis());
        try (Worker worker = new Worker(plan)) {
            out.println(Json.line(Map.of("ready", worker.connect().withCpuNanos(ProcessCpu.nanos()))));
            while (true) {
                String line = commands.take();
                JsonNode command = Json.tree(line);
                if (command.has("finish")) {
                    finishing.set(true);
                    out.println(Json.line(Map.of("result", worker.finish().withCpuNanos(ProcessCpu.nanos()))));
                    break;
                } else if (command.has("disconnect")) {
                    out.println(Json.line(Map.of("disconnected", worker.disconnect().withCpuNanos(ProcessCpu.nanos()))));
                } else if (command.has("spreadMillis")) {
                    Reconnect reconnect = Json.read(line, Reconnect.class);
                    out.println(Json.line(Map.of("reconnected", worker.reconnect(reconnect.spreadMillis(),
                            reconnect.retryMillis()).withCpuNanos(ProcessCpu.nanos()))));
                } else {
                    Drain drain = Json.read(line, Drain.class);
                    out.println(Json.line(Map.of("drained",
                            worker.drain(drain.acked(), drain.drainMillis()).withCpuNanos(ProcessCpu.nanos()))));
                }
            }
        } catch (RuntimeException | InterruptedException e) {
            out.println(Json.line(Map.of("error", String.valueOf(e))));
            throw e;
        }
        System.exit(0);
    }

    /** Queues each line from the coordinator; halts when the coordinator is gone. */
    private static void readCommands(BlockingQueue<String> commands, AtomicBoolean finishing) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                commands.add(line);
            }
        } catch (IOException e) {
            System.err.println("worker: reading from the coordinator failed: " + e);
        }
        if (finishing.get()) {
            return; // the normal end: main reports and exits (running shutdown hooks such as JFR's dump)
        }
        System.err.println("worker: the coordinator is gone; stopping");
        Runtime.getRuntime().halt(3);
    }

    private static void haltAt(long epochMillis) {
        if (epochMillis <= 0) {
            return;
        }
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(Math.max(0, epochMillis - System.currentTimeMillis()));
            } catch (InterruptedException e) {
                return;
            }
            System.err.println("worker: hard deadline reached; stopping");
            Runtime.getRuntime().halt(4);
        }, "hard-deadline");
        watchdog.setDaemon(true);
        watchdog.start();
    }
}
