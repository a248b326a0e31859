package dev.herald.server.cli;

import dev.herald.server.HeraldServer;
import dev.herald.server.ServerOptions;
import dev.herald.server.StartupException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code herald}: starts a hub. Every option also reads a {@code HERALD_*} environment variable. */
@Command(name = "herald", mixinStandardHelpOptions = true, version = "Herald 0.1.0",
        sortOptions = false, usageHelpWidth = 120,
        description = "A real-time push hub: Server-Sent Events and the Mercure protocol.%n"
                + "Every option can also be set as an environment variable: --max-body-bytes is HERALD_MAX_BODY_BYTES.%n"
                + "Command-line flags win over environment variables.%n")
public final class HeraldCommand implements Callable<Integer> {

    @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = ServerOptions.DEFAULT_HOST,
            description = "Address to listen on. Without publisher keys only loopback addresses are allowed. Default: ${DEFAULT-VALUE}.")
    String host;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "" + ServerOptions.DEFAULT_PORT,
            description = "TCP port to listen on (0 picks a free one). Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--heartbeat", paramLabel = "DURATION", defaultValue = "15s", converter = Units.DurationConverter.class,
            description = "Write a comment to a stream idle this long, so proxies keep it open. Default: ${DEFAULT-VALUE}.")
    Duration heartbeat;

    @Option(names = "--history-size", paramLabel = "COUNT", defaultValue = "" + ServerOptions.DEFAULT_HISTORY_SIZE,
            description = "Updates kept in memory for clients that reconnect with Last-Event-ID. Default: ${DEFAULT-VALUE}.")
    int historySize;

    @Option(names = "--max-body-bytes", paramLabel = "SIZE", defaultValue = "1MiB", converter = Units.SizeConverter.class,
            description = "Largest request body; larger gets 413. Default: ${DEFAULT-VALUE}.")
    int maxBodyBytes;

    @Option(names = "--max-header-bytes", paramLabel = "SIZE", defaultValue = "16KiB", converter = Units.SizeConverter.class,
            description = "Largest request header block; larger gets 431. Default: ${DEFAULT-VALUE}.")
    int maxHeaderBytes;

    @Option(names = "--max-pending-bytes", paramLabel = "SIZE", defaultValue = "256KiB", converter = Units.SizeConverter.class,
            description = "Bytes that may wait for one slow subscriber before it is disconnected (it reconnects and "
                    + "replays what it missed). Default: ${DEFAULT-VALUE}.")
    int maxPendingBytes;

    @Option(names = "--demo-topic", paramLabel = "TOPIC", defaultValue = ServerOptions.DEFAULT_DEMO_TOPIC,
            description = "Topic behind the demo API (/send, /stream) and page. Default: ${DEFAULT-VALUE}.")
    String demoTopic;

    public static void main(String[] args) {
        System.exit(commandLine(System.getenv()).execute(args));
    }

    static CommandLine commandLine(Map<String, String> environment) {
        CommandLine commandLine = new CommandLine(new HeraldCommand());
        commandLine.setDefaultValueProvider(new EnvironmentDefaults(environment));
        return commandLine;
    }

    ServerOptions options() {
        return new ServerOptions(host, port, heartbeat, historySize, maxBodyBytes, maxHeaderBytes,
                maxPendingBytes, demoTopic);
    }

    @Override
    public Integer call() throws InterruptedException {
        ServerOptions options;
        HeraldServer server;
        try {
            options = options();
            server = HeraldServer.start(options);
        } catch (IllegalArgumentException | StartupException e) {
            System.err.println("herald: " + e.getMessage());
            return 2;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "herald-shutdown"));
        System.out.println("Herald is running: open http://" + options.host() + ":" + server.address().getPort()
                + "/ (Ctrl+C to stop)");
        server.awaitClose();
        return 0;
    }
}
