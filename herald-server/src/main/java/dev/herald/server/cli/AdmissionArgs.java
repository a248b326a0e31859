package dev.herald.server.cli;

import dev.herald.server.AdmissionOptions;
import picocli.CommandLine.Option;

/** The options of stream admission: streams per client address, and the caps on URI-template and URL-pattern selectors. */
final class AdmissionArgs {

    @Option(names = "--max-streams-per-address", paramLabel = "COUNT",
            defaultValue = "" + AdmissionOptions.DEFAULT_MAX_STREAMS_PER_ADDRESS,
            description = "Most SSE streams one client address (an IPv6 /64) holds at once; the next gets 429. "
                    + "0: no limit (behind a reverse proxy every client has its address). Default: ${DEFAULT-VALUE}.")
    int maxStreamsPerAddress;

    @Option(names = "--max-templates-per-stream", paramLabel = "COUNT",
            defaultValue = "" + AdmissionOptions.DEFAULT_MAX_TEMPLATES_PER_STREAM,
            description = "Most distinct URI-template selectors (topics with a '{') one subscription names; more "
                    + "gets 400. Exact topics are limited by --max-topics only. Default: ${DEFAULT-VALUE}.")
    int maxTemplatesPerStream;

    @Option(names = "--max-templates-per-address", paramLabel = "COUNT",
            defaultValue = "" + AdmissionOptions.DEFAULT_MAX_TEMPLATES_PER_ADDRESS,
            description = "Most distinct URI templates the streams of one client address hold together; a "
                    + "subscription adding more gets 429. 0: no limit. Default: ${DEFAULT-VALUE}.")
    int maxTemplatesPerAddress;

    @Option(names = "--max-templates", paramLabel = "COUNT", defaultValue = "" + AdmissionOptions.DEFAULT_MAX_TEMPLATES,
            description = "Most distinct URI templates the node's streams hold together, whatever their addresses; "
                    + "a subscription adding more gets 503. 0: no limit. Default: ${DEFAULT-VALUE}.")
    int maxTemplates;

    AdmissionOptions options() {
        return new AdmissionOptions(maxStreamsPerAddress, maxTemplatesPerStream, maxTemplatesPerAddress, maxTemplates);
    }
}
