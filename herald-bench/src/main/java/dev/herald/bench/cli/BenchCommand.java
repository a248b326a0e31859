package dev.herald.bench.cli;

import dev.herald.bench.internal.LoadGenerator;
import java.util.Arrays;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code herald-bench}: load scenarios against a running hub, {@code plot} for their results, and {@code jmh}
 * for the micro-benchmarks.
 * A scenario prints a table and one JSON line; exits 0 when the run completed (whatever it measured), 1 when it
 * could not run, 2 on bad usage.
 */
@Command(name = "herald-bench", mixinStandardHelpOptions = true, version = "herald-bench 0.1.0", usageHelpWidth = 120,
        description = "Measures an SSE hub on this machine: subscribers, deliveries, loss, latency, memory, CPU.%n"
                + "Loopback targets only; every run stops by itself.%n",
        subcommands = {ScenarioCommands.Idle.class, ScenarioCommands.Fanout.class, ScenarioCommands.Publish.class,
                ScenarioCommands.Mixed.class, ScenarioCommands.Fill.class, ReplayCommand.class, ScenarioCommands.Storm.class, SoakCommand.class, ChaosCommand.class, PlotCommand.class, BenchCommand.Jmh.class},
        footer = {"%nExamples:",
                "  ./bench fanout --subs 10000 --rate 10 --server-pid $(pgrep -f herald.jar)",
                "  ./bench publish -c 8 --duration 20s",
                "  ./bench idle --subs 10000 --duration 30s --server-pid PID",
                "  ./bench fill --count 1000000 --payload 200 -c 64 --server-pid PID",
                "  ./bench replay --expect 1000000 --server-pid PID",
                "  ./bench fanout --subs 100 --rate 100 --non-readers 100 --server-pid PID",
                "  ./bench fanout --subs 10 --rate 20 --template-streams 300 --live-heap --server-pid PID",
                "  ./bench storm --subs 10000 --workers 2 --server-pid PID --restart-command 'herald-bench/restart-hub.sh restart'",
                "  ./bench soak --duration 30m --plot soak.png --json-out soak.jsonl",
                "  ./bench chaos --nodes http://127.0.0.1:18801,http://127.0.0.1:18802 --fault-command 'kill -9 PID'  (herald-bench/chaos.sh)",
                "  ./bench plot --out fanout-latency.png results.jsonl",
                "  ./bench jmh -f 1 -wi 3 -i 5 SseEncoder"})
public final class BenchCommand implements Runnable {

    /** Listed for help; {@link #main} hands {@code jmh} arguments to JMH untouched. */
    @Command(name = "jmh", description = "Runs the JMH micro-benchmarks (JMH's own options follow; try jmh -h).")
    static final class Jmh implements Runnable {
        @Override
        public void run() {
            throw new IllegalStateException("handled in main");
        }
    }

    public static void main(String[] args) throws Exception {
        LoadGenerator.withoutLeakSampling();
        if (args.length > 0 && "jmh".equals(args[0])) {
            org.openjdk.jmh.Main.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        CommandLine commandLine = new CommandLine(new BenchCommand());
        commandLine.setExecutionExceptionHandler((e, line, parsed) -> {
            System.err.println("herald-bench: " + e.getMessage());
            return 1;
        });
        System.exit(commandLine.execute(args));
    }

    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }
}
