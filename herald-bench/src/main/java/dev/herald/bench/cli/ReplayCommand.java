package dev.herald.bench.cli;

import dev.herald.bench.ReplayReport;
import dev.herald.bench.ReplayRun;
import dev.herald.bench.internal.Json;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code replay}: how fast a hub replays its history to a subscriber that asks for all of it. */
@Command(name = "replay", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 120,
        description = "--replays subscribers ask for --topic from --last-event-id at once and read until each got "
                + "--expect events: time to the first event, events/s. Fill the history first (fill --count N).")
final class ReplayCommand implements Callable<Integer> {

    @Option(names = "--url", paramLabel = "URL", defaultValue = "http://127.0.0.1:8080",
            description = "The hub (loopback addresses only). Default: ${DEFAULT-VALUE}.")
    URI url;

    @Option(names = "--topic", paramLabel = "TOPIC", defaultValue = ReplayRun.DEFAULT_TOPIC,
            description = "The topic replayed (fill publishes to this one). Default: ${DEFAULT-VALUE}.")
    String topic;

    @Option(names = "--last-event-id", paramLabel = "ID", defaultValue = "earliest",
            description = "Where the replay starts. Default: ${DEFAULT-VALUE}.")
    String lastEventId;

    @Option(names = "--expect", paramLabel = "N", required = true,
            description = "Events each replay reads before it stops: the history's size on the topic.")
    long expected;

    @Option(names = "--replays", paramLabel = "N", defaultValue = "1",
            description = "Replaying connections at once. Default: ${DEFAULT-VALUE}.")
    int replays;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "60s", converter = DurationConverter.class,
            description = "How long the run may take. Default: ${DEFAULT-VALUE}.")
    Duration timeout;

    @Option(names = "--server-pid", paramLabel = "PID", defaultValue = "0",
            description = "The hub's process id: its RSS and CPU time are read from /proc/PID.")
    long serverPid;

    @Option(names = "--json-out", paramLabel = "FILE", description = "Also append the JSON line to this file.")
    Path jsonOut;

    @Override
    public Integer call() throws Exception {
        ReplayRun run = new ReplayRun(url, "/.well-known/mercure", topic, lastEventId, expected, replays, timeout, serverPid);
        HardDeadline.arm(timeout.plus(Duration.ofSeconds(30)));
        ReplayReport report = run.run();
        ScenarioCommand.print(report.table(), Json.line(report), jsonOut);
        return 0;
    }
}
