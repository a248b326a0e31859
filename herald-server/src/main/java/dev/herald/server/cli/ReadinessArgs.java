package dev.herald.server.cli;

import dev.herald.server.ServerOptions;
import java.time.Duration;
import picocli.CommandLine.Option;

/** What load balancers see of a node: when it says it is not ready, and how long it takes to leave. */
final class ReadinessArgs {

    @Option(names = "--max-delivery-lag", paramLabel = "DURATION", defaultValue = "10s",
            converter = Units.DurationConverter.class,
            description = "/readyz answers 503 while an update has waited longer than this to be delivered on this "
                    + "node (a Redis stream reader behind the stream, a store writer behind its appends); it answers "
                    + "200 again by itself once delivery caught up. Default: ${DEFAULT-VALUE}.")
    Duration maxDeliveryLag;

    @Option(names = "--shutdown-grace", paramLabel = "DURATION", defaultValue = "10s",
            converter = Units.DurationConverter.class,
            description = "On SIGTERM or Ctrl+C: how long to finish publishes, tell streams to retry and close. "
                    + "Default: ${DEFAULT-VALUE}.")
    Duration shutdownGrace;

    ServerOptions.Builder applyTo(ServerOptions.Builder options) {
        return options.maxDeliveryLag(maxDeliveryLag).shutdownGrace(shutdownGrace);
    }
}
