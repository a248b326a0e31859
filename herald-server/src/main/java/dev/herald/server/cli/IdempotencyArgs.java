package dev.herald.server.cli;

import dev.herald.core.IdempotencyOptions;
import java.time.Duration;
import picocli.CommandLine.Option;

/** How long and how many publishers' Idempotency-Keys the hub remembers (a retried publish is stored once). */
final class IdempotencyArgs {

    @Option(names = "--idempotency-window", paramLabel = "DURATION", defaultValue = "24h",
            converter = Units.DurationConverter.class,
            description = "A publish retried with the same Idempotency-Key within this gets the first attempt's id and "
                    + "stores nothing. Default: ${DEFAULT-VALUE}.")
    Duration window;

    @Option(names = "--idempotency-keys", paramLabel = "COUNT", defaultValue = "" + IdempotencyOptions.DEFAULT_MAX_KEYS,
            description = "Most Idempotency-Keys remembered (about 280 bytes each); the oldest are forgotten first. "
                    + "Default: ${DEFAULT-VALUE}.")
    int maxKeys;

    IdempotencyOptions options() {
        return new IdempotencyOptions(window, maxKeys);
    }
}
