package dev.herald.bench.cli;

import dev.herald.bench.AttackOptions;
import picocli.CommandLine.Option;

/** The options of {@link AttackOptions}, for the scenarios that publish at a steady rate. */
final class AttackMixin {

    @Option(names = "--non-readers", paramLabel = "N", defaultValue = "0",
            description = "Hostile subscriptions that send their request (see --non-reader-query) and never read. "
                    + "Default: ${DEFAULT-VALUE}.")
    int nonReaders;

    @Option(names = "--non-reader-query", paramLabel = "QUERY", defaultValue = AttackOptions.DEFAULT_NON_READER_QUERY,
            description = "Added to a non-reader's subscription (to topic 0). Default: ${DEFAULT-VALUE}.")
    String nonReaderQuery;

    @Option(names = "--template-streams", paramLabel = "N", defaultValue = "0",
            description = "Hostile streams naming --templates-per-stream distinct URI templates each that match "
                    + "nothing published. Default: ${DEFAULT-VALUE}.")
    int templateStreams;

    @Option(names = "--templates-per-stream", paramLabel = "K", defaultValue = "" + AttackOptions.DEFAULT_TEMPLATES_PER_STREAM,
            description = "Default: ${DEFAULT-VALUE}.")
    int templatesPerStream;

    @Option(names = "--template-format", paramLabel = "FORMAT", defaultValue = AttackOptions.DEFAULT_TEMPLATE_FORMAT,
            description = "Template k of stream s, as String.format(FORMAT, s, k). Default: ${DEFAULT-VALUE}.")
    String templateFormat;

    @Option(names = "--attack-addresses", paramLabel = "N", defaultValue = "" + AttackOptions.DEFAULT_ADDRESSES,
            description = "Source addresses (127.0.1.1 onwards) the hostile connections are spread over. "
                    + "Default: ${DEFAULT-VALUE}.")
    int addresses;

    AttackOptions options() {
        return new AttackOptions(nonReaders, nonReaderQuery, templateStreams, templatesPerStream, templateFormat,
                addresses);
    }
}
