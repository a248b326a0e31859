package dev.herald.server.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.client.Event;
import dev.herald.client.SubscribeException;
import dev.herald.client.SubscribeOptions;
import dev.herald.client.Subscriber;
import dev.herald.client.Subscription;
import dev.herald.client.SubscriptionListener;
import dev.herald.client.TopicMatcher;
import java.io.PrintWriter;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code herald subscribe}: a herald-client subscription that prints each event as one JSON object per
 * line, resuming across disconnects, until {@code --count} events or Ctrl+C.
 */
@Command(name = "subscribe", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 120,
        description = "Prints each event as one JSON object per line ({\"id\":…,\"type\":…,\"data\":…}), reconnecting "
                + "with Last-Event-ID when the stream ends. Runs until --count events or Ctrl+C; exit code 1 when the hub "
                + "refuses the subscription.%n"
                + "Example: herald subscribe --url http://127.0.0.1:8080 --topic 'https://example.com/books/{id}'%n")
final class SubscribeCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Option(names = "--url", paramLabel = "URL", required = true, converter = HubUrl.class,
            description = "The hub: its address (http://127.0.0.1:8080) or its Mercure URL.")
    URI url;

    @Option(names = "--topic", paramLabel = "SELECTOR",
            description = "A draft-07 topic selector (exact, URI template or *); repeatable.")
    List<String> topics = List.of();

    @Option(names = "--match", paramLabel = "TOPIC",
            description = "A draft-08 exact topic (match=; * for every topic); repeatable.")
    List<String> exactTopics = List.of();

    @Option(names = "--match-urlpattern", paramLabel = "PATTERN",
            description = "A draft-08 URL pattern (match_urlpattern=); repeatable. Any mix of --topic, --match and "
                    + "--match-urlpattern; at least one.")
    List<String> urlPatterns = List.of();

    @Option(names = "--token", paramLabel = "JWT",
            description = "The subscriber's token, for private updates. Default: the HERALD_TOKEN environment variable, "
                    + "else anonymous.")
    String token;

    @Option(names = "--last-event-id", paramLabel = "ID",
            description = "Start after this event (earliest: all the history the hub keeps). Default: live updates only.")
    String lastEventId;

    @Option(names = "--count", paramLabel = "N", description = "Exit after N events. Default: run until stopped.")
    Integer count;

    private final Map<String, String> environment;

    SubscribeCommand(Map<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() throws InterruptedException {
        if (count != null && count < 1) {
            spec.commandLine().getErr().println("herald subscribe: --count must be at least 1");
            return 2;
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (matchers().isEmpty()) {
            err.println("herald subscribe: give at least one --topic, --match or --match-urlpattern");
            return 2;
        }
        SubscribeOptions options;
        try {
            options = SubscribeOptions.matching(url, matchers().toArray(TopicMatcher[]::new))
                    .withTokenProvider(PublishCommand.tokens(token, environment))
                    .withLastEventId(lastEventId == null ? "" : lastEventId);
        } catch (IllegalArgumentException e) {
            err.println("herald subscribe: " + e.getMessage());
            return 2;
        }
        CountDownLatch done = new CountDownLatch(1);
        AtomicReference<SubscribeException> failure = new AtomicReference<>();
        AtomicInteger printed = new AtomicInteger();
        Subscription subscription = Subscriber.create().subscribe(options, new SubscriptionListener() {
            @Override
            public void onEvent(Event event) {
                if (count != null && printed.get() >= count) {
                    return; // already done: the subscription is closing
                }
                out.println(json(event));
                out.flush();
                if (count != null && printed.incrementAndGet() == count) {
                    done.countDown();
                }
            }

            @Override
            public void onHistoryLost(String requestedId) {
                err.println("herald subscribe: the hub no longer has " + requestedId
                        + "; it replays the oldest history it keeps (events may be missing before it)");
                err.flush();
            }

            @Override
            public void onClosed() {
                done.countDown();
            }

            @Override
            public void onFailure(SubscribeException error) {
                failure.set(error);
                done.countDown();
            }
        });
        try {
            done.await();
        } finally {
            subscription.close();
        }
        if (failure.get() != null) {
            err.println("herald subscribe: " + failure.get().getMessage());
            return 1;
        }
        return 0;
    }

    private static String json(Event event) {
        ObjectNode node = JSON.createObjectNode().put("id", event.id()).put("type", event.type()).put("data", event.data());
        return node.toString();
    }

    private List<TopicMatcher> matchers() {
        List<TopicMatcher> matchers = new ArrayList<>();
        topics.forEach(topic -> matchers.add(TopicMatcher.topic(topic)));
        exactTopics.forEach(topic -> matchers.add(TopicMatcher.exact(topic)));
        urlPatterns.forEach(pattern -> matchers.add(TopicMatcher.urlPattern(pattern)));
        return matchers;
    }
}
