package dev.herald.server.cli;

import dev.herald.client.Publication;
import dev.herald.client.PublishException;
import dev.herald.client.PublishOptions;
import dev.herald.client.Publisher;
import dev.herald.client.TokenProvider;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code herald publish}: one update through herald-client's {@link Publisher}; prints the id. */
@Command(name = "publish", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 120,
        description = "Publishes one update and prints the id the hub gave it. Exit code 1 when the hub refuses "
                + "it (its message is printed) or cannot be reached.%n"
                + "Example: herald publish --url http://127.0.0.1:8080 --token \"$TOKEN\" --topic https://example.com/books/1 "
                + "--data '{\"title\":\"Dune\"}'%n")
final class PublishCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--url", paramLabel = "URL", required = true, converter = HubUrl.class,
            description = "The hub: its address (http://127.0.0.1:8080) or its Mercure URL.")
    URI url;

    @Option(names = "--token", paramLabel = "JWT",
            description = "The publisher's token (see herald token). Default: the HERALD_TOKEN environment variable, "
                    + "else none (a hub without a publisher key on loopback).")
    String token;

    @Option(names = "--topic", paramLabel = "TOPIC", required = true,
            description = "The update's topic; repeat for alternate topics (the first is canonical).")
    List<String> topics;

    @Option(names = "--data", paramLabel = "TEXT", defaultValue = "", description = "The update's data. Default: empty.")
    String data;

    @Option(names = "--private", description = "Only subscribers allowed one of the topics receive it.")
    boolean isPrivate;

    @Option(names = "--id", paramLabel = "ID", description = "The update's id. Default: the hub generates one.")
    String id;

    @Option(names = "--type", paramLabel = "TYPE", description = "The SSE event type. Default: message.")
    String type;

    @Option(names = "--retry", paramLabel = "DURATION", converter = Units.DurationConverter.class,
            description = "The reconnection delay passed on to subscribers.")
    Duration retry;

    private final Map<String, String> environment;

    PublishCommand(Map<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() throws InterruptedException {
        Publication publication;
        try {
            publication = Publication.of(topics.get(0), data).withTopics(topics);
            publication = isPrivate ? publication.asPrivate() : publication;
            publication = id != null ? publication.withId(id) : publication;
            publication = type != null ? publication.withType(type) : publication;
            publication = retry != null ? publication.withRetry(retry) : publication;
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("herald publish: " + e.getMessage());
            return 2;
        }
        Publisher publisher = Publisher.create(PublishOptions.of(url, tokens(token, environment)));
        try {
            spec.commandLine().getOut().println(publisher.publish(publication));
            return 0;
        } catch (PublishException e) {
            spec.commandLine().getErr().println("herald publish: " + e.getMessage());
            return 1;
        }
    }

    /** The flag, else {@code HERALD_TOKEN}, else anonymous. */
    static TokenProvider tokens(String flag, Map<String, String> environment) {
        return Optional.ofNullable(flag).or(() -> Optional.ofNullable(environment.get("HERALD_TOKEN")))
                .filter(value -> !value.isBlank()).map(TokenProvider::of).orElse(TokenProvider.none());
    }
}
