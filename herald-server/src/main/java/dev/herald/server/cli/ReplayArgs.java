package dev.herald.server.cli;

import dev.herald.server.stream.ReplayOptions;
import java.time.Duration;
import picocli.CommandLine.Option;

/** The options of history replays: how many run at once, how many wait, and when a stalled one is closed. */
final class ReplayArgs {

    @Option(names = "--max-replays", paramLabel = "COUNT", defaultValue = "" + ReplayOptions.DEFAULT_MAX_REPLAYS,
            description = "Most history replays (resuming subscribers) this node runs at once; further ones wait "
                    + "for a free one (see --max-replays-waiting). Default: ${DEFAULT-VALUE}.")
    int maxReplays;

    @Option(names = "--max-replays-waiting", paramLabel = "COUNT",
            defaultValue = "" + ReplayOptions.DEFAULT_MAX_WAITING,
            description = "Most resuming subscribers waiting for a replay slot; a further one, or one that waited "
                    + "10 s, gets 503 with a Retry-After of 1-4 s. Default: ${DEFAULT-VALUE}.")
    int maxReplaysWaiting;

    @Option(names = "--replay-stall-timeout", paramLabel = "DURATION", defaultValue = "30s",
            converter = Units.DurationConverter.class,
            description = "Close a replay that writes nothing for this long (a client that does not read its "
                    + "history). Default: ${DEFAULT-VALUE}.")
    Duration replayStallTimeout;

    ReplayOptions options() {
        return ReplayOptions.defaults().withMaxReplays(maxReplays).withMaxWaiting(maxReplaysWaiting)
                .withStallTimeout(replayStallTimeout);
    }
}
