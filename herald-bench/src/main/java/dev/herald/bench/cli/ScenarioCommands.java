package dev.herald.bench.cli;

import dev.herald.bench.BenchOptions;
import dev.herald.bench.Scenario;
import dev.herald.bench.StormOptions;
import dev.herald.bench.StormReport;
import dev.herald.bench.internal.Json;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** One subcommand per scenario; each adds only its own options to {@link ScenarioCommand}'s. */
final class ScenarioCommands {

    private ScenarioCommands() {
    }

    @Command(name = "idle", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 120,
            description = "N subscribers connect and stay for --duration: the hub's memory per idle connection "
                    + "(give --server-pid).")
    static final class Idle extends ScenarioCommand {
        @Override
        Scenario scenario() {
            return Scenario.IDLE;
        }

        @Override
        void configure(BenchOptions.Builder builder) {
            // nothing is published
        }
    }

    /** Rate, payload and publishing connections, shared by the open-loop scenarios. */
    abstract static class OpenLoop extends ScenarioCommand {
        @Option(names = "--rate", paramLabel = "PER_SECOND", defaultValue = "10",
                description = "Publishes per second, over all topics (open loop). Default: ${DEFAULT-VALUE}.")
        double rate;

        @Option(names = "--payload", paramLabel = "BYTES", defaultValue = "100",
                description = "Length of each message's data (the stamp is about 40). Default: ${DEFAULT-VALUE}.")
        int payload;

        @Option(names = "--publish-connections", paramLabel = "N", defaultValue = "4",
                description = "Keep-alive connections to publish on. Default: ${DEFAULT-VALUE}.")
        int publishConnections;

        @Mixin
        AttackMixin attack;

        @Override
        void configure(BenchOptions.Builder builder) {
            builder.rate(rate).payloadBytes(payload).publishConnections(publishConnections).attack(attack.options());
        }
    }

    @Command(name = "fanout", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 120,
            description = "N subscribers on one topic; --rate publishes per second for --duration: deliveries/s, "
                    + "loss, latency.")
    static final class Fanout extends OpenLoop {
        @Override
        Scenario scenario() {
            return Scenario.FANOUT;
        }
    }

    @Command(name = "mixed", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 120,
            description = "--topics topics, each subscriber on --topics-per-sub of them; --rate publishes per second "
                    + "round-robin over the topics.")
    static final class Mixed extends OpenLoop {
        @Option(names = "--topics", paramLabel = "N", defaultValue = "100",
                description = "Topics. Default: ${DEFAULT-VALUE}.")
        int topics;

        @Option(names = "--topics-per-sub", paramLabel = "K", defaultValue = "3",
                description = "Topics each subscriber names (Mercure only). Default: ${DEFAULT-VALUE}.")
        int topicsPerSubscriber;

        @Override
        Scenario scenario() {
            return Scenario.MIXED;
        }

        @Override
        void configure(BenchOptions.Builder builder) {
            super.configure(builder);
            builder.topics(topics).topicsPerSubscriber(topicsPerSubscriber);
        }
    }

    @Command(name = "publish", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 120,
            description = "Closed-loop publishers on --connections keep-alive connections for --duration: "
                    + "acknowledged publishes/s (and, with --subs, their delivery).")
    static final class Publish extends ScenarioCommand {
        @Option(names = {"--connections", "-c"}, paramLabel = "C", defaultValue = "4",
                description = "Publishing connections, each with one request in flight. Default: ${DEFAULT-VALUE}.")
        int connections;

        @Option(names = "--payload", paramLabel = "BYTES", defaultValue = "100",
                description = "Length of each message's data. Default: ${DEFAULT-VALUE}.")
        int payload;

        @Override
        Scenario scenario() {
            return Scenario.PUBLISH;
        }

        @Override
        int defaultSubscribers() {
            return 0;
        }

        @Override
        void configure(BenchOptions.Builder builder) {
            builder.publishConnections(connections).payloadBytes(payload);
        }
    }

    @Command(name = "fill", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 120,
            description = "Publishes --count updates back to back on --connections connections and waits for every "
                    + "answer: fills a hub's history (--duration is the time limit).")
    static final class Fill extends ScenarioCommand {
        @Option(names = "--count", paramLabel = "N", required = true, description = "Updates to publish.")
        long count;

        @Option(names = {"--connections", "-c"}, paramLabel = "C", defaultValue = "64",
                description = "Publishing connections, each with one request in flight. Default: ${DEFAULT-VALUE}.")
        int connections;

        @Option(names = "--payload", paramLabel = "BYTES", defaultValue = "200",
                description = "Length of each message's data. Default: ${DEFAULT-VALUE}.")
        int payload;

        @Override
        Scenario scenario() {
            return Scenario.FILL;
        }

        @Override
        int defaultSubscribers() {
            return 0;
        }

        @Override
        Duration defaultDuration() {
            return Duration.ofMinutes(10);
        }

        @Override
        void configure(BenchOptions.Builder builder) {
            builder.count(count).publishConnections(connections).payloadBytes(payload).warmup(Duration.ZERO);
        }
    }

    @Command(name = "storm", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 120,
            description = "Reconnect storm: --subs subscribers receive --before updates, all disconnect, --behind "
                    + "updates are published, the hub restarts (--restart-command), and all reconnect over --spread "
                    + "with their Last-Event-ID: time until all caught up, loss, duplicates, the hub's peak RSS.")
    static final class Storm extends ScenarioCommand {
        @Option(names = "--before", paramLabel = "N", defaultValue = "" + StormOptions.DEFAULT_BEFORE,
                description = "Updates received by every subscriber before the storm. Default: ${DEFAULT-VALUE}.")
        int before;

        @Option(names = "--behind", paramLabel = "N", defaultValue = "" + StormOptions.DEFAULT_BEHIND,
                description = "Updates published while every subscriber is disconnected. Default: ${DEFAULT-VALUE}.")
        int behind;

        @Option(names = "--spread", paramLabel = "DURATION", defaultValue = "1s", converter = DurationConverter.class,
                description = "The reconnects start evenly over this long. Default: ${DEFAULT-VALUE}.")
        Duration spread;

        @Option(names = "--catch-up-limit", paramLabel = "DURATION", defaultValue = "30s", converter = DurationConverter.class,
                description = "How long every subscriber may take to catch up (503s are retried within it). "
                        + "Default: ${DEFAULT-VALUE}.")
        Duration catchUpLimit;

        @Option(names = "--restart-command", paramLabel = "COMMAND",
                description = "Run by bash with HERALD_PID set after the --behind updates: stops the hub, starts it "
                        + "again on the same data and port, prints the new pid last (herald-bench/restart-hub.sh "
                        + "restart). Default: none (the subscribers reconnect to the same hub).")
        String restartCommand;

        @Option(names = "--payload", paramLabel = "BYTES", defaultValue = "100",
                description = "Length of each message's data. Default: ${DEFAULT-VALUE}.")
        int payload;

        @Option(names = "--publish-connections", paramLabel = "N", defaultValue = "4",
                description = "Keep-alive connections to publish on. Default: ${DEFAULT-VALUE}.")
        int publishConnections;

        @Override
        Scenario scenario() {
            return Scenario.STORM;
        }

        @Override
        int defaultSubscribers() {
            return 10_000;
        }

        @Override
        void configure(BenchOptions.Builder builder) {
            builder.payloadBytes(payload).publishConnections(publishConnections);
        }

        @Override
        void run(BenchOptions options) throws Exception {
            StormOptions storm = new StormOptions(before, behind, spread, catchUpLimit, restartCommand,
                    StormOptions.DEFAULT_RESTART_TIMEOUT);
            if (restartCommand != null && options.serverPid() <= 0) {
                throw new IllegalArgumentException("--restart-command needs --server-pid (the hub it restarts)");
            }
            HardDeadline.arm(options.hardDeadline().plus(storm.extraTime()));
            StormReport report = dev.herald.bench.Storm.run(options, storm);
            print(report.table(), Json.line(report), jsonOut);
        }
    }
}
