package dev.herald.bench.cli;

import dev.herald.bench.chaos.Chaos;
import dev.herald.bench.chaos.ChaosOptions;
import dev.herald.bench.chaos.ChaosReport;
import dev.herald.bench.internal.Json;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code chaos}: a fault while the hub is loaded (see {@link Chaos}); herald-bench/chaos.sh runs the whole setup. */
@Command(name = "chaos", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 120,
        description = "Subscribers over --nodes, steady publishing through them, --fault-command after --before, the "
                + "same load for --after: what publishers were answered, lost / duplicated / out-of-order deliveries, "
                + "time until every subscriber caught up. Exit 0 when nothing acknowledged was lost or duplicated, 3 when "
                + "something was.")
final class ChaosCommand implements Callable<Integer> {

    @Option(names = "--nodes", paramLabel = "URL", split = ",", required = true,
            description = "The hub's nodes, comma-separated (loopback only).")
    List<URI> nodes;

    @Option(names = "--subs", paramLabel = "N", defaultValue = "5000", description = "Subscribers. Default: ${DEFAULT-VALUE}.")
    int subscribers;

    @Option(names = "--topics", paramLabel = "N", defaultValue = "50",
            description = "Topics (each subscriber on one). Default: ${DEFAULT-VALUE}.")
    int topics;

    @Option(names = "--rate", paramLabel = "PER_SECOND", defaultValue = "20",
            description = "Publishes per second, round-robin over nodes and topics. Default: ${DEFAULT-VALUE}.")
    double rate;

    @Option(names = "--payload", paramLabel = "BYTES", defaultValue = "100", description = "Data length. Default: ${DEFAULT-VALUE}.")
    int payload;

    @Option(names = "--before", paramLabel = "DURATION", defaultValue = "10s", converter = DurationConverter.class,
            description = "Publishing before the fault. Default: ${DEFAULT-VALUE}.")
    Duration before;

    @Option(names = "--fault-command", paramLabel = "COMMAND", required = true,
            description = "Run by bash: causes the fault and returns when it is over.")
    String faultCommand;

    @Option(names = "--fault-timeout", paramLabel = "DURATION", defaultValue = "120s", converter = DurationConverter.class,
            description = "How long the fault command may take. Default: ${DEFAULT-VALUE}.")
    Duration faultTimeout;

    @Option(names = "--after", paramLabel = "DURATION", defaultValue = "20s", converter = DurationConverter.class,
            description = "Publishing after the fault. Default: ${DEFAULT-VALUE}.")
    Duration after;

    @Option(names = "--catch-up-limit", paramLabel = "DURATION", defaultValue = "60s", converter = DurationConverter.class,
            description = "How long catching up may take, after the fault and again after the last publish. "
                    + "Default: ${DEFAULT-VALUE}.")
    Duration catchUpLimit;

    @Option(names = "--reconnect-delay", paramLabel = "DURATION", defaultValue = "1s", converter = DurationConverter.class,
            description = "A lost stream reconnects after this plus up to as much of jitter. Default: ${DEFAULT-VALUE}.")
    Duration reconnectDelay;

    @Option(names = "--drop-every", paramLabel = "N", defaultValue = "10",
            description = "After the fault, every N-th subscriber is disconnected and resumes with its Last-Event-ID "
                    + "(0: none). Default: ${DEFAULT-VALUE}.")
    int dropEvery;

    @Option(names = "--connect-rate", paramLabel = "PER_SECOND", defaultValue = "1000",
            description = "Subscriptions opened per second at the start. Default: ${DEFAULT-VALUE}.")
    int connectRate;

    @Option(names = "--label", paramLabel = "TEXT", defaultValue = "chaos", description = "The run's name in the report.")
    String label;

    @Option(names = "--json-out", paramLabel = "FILE", description = "Also append the JSON line to this file.")
    Path jsonOut;

    @Override
    public Integer call() throws Exception {
        ChaosOptions options = new ChaosOptions(nodes, subscribers, topics, rate, payload, before, faultCommand,
                faultTimeout, after, catchUpLimit, reconnectDelay, dropEvery, connectRate, label);
        HardDeadline.arm(options.longest().plus(Duration.ofSeconds(30)));
        ChaosReport report = Chaos.run(options);
        ScenarioCommand.print(report.table(), Json.line(report), jsonOut);
        return report.clean() ? 0 : 3;
    }
}
