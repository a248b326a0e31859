package dev.herald.server.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.core.Position;
import dev.herald.core.StoredUpdate;
import dev.herald.core.Subscription;
import dev.herald.core.TopicSelector;
import dev.herald.core.Update;
import dev.herald.core.sse.SseEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A stream subscribed with a draft-08 URL pattern, on one event loop's dispatcher: it gets the updates
 * whose topic's URL the pattern matches, however the topic is spelled, and nothing else.
 */
class UrlPatternDispatchTest {

    private static final String HUB = "https://example.com/.well-known/mercure";
    /** Shared by every test, as the server shares one (an unreleasable buffer). */
    private static final SharedFrame HEARTBEAT_FRAME = SharedFrame.of(SseEncoder.heartbeat());

    private final EmbeddedChannel loopOwner = new EmbeddedChannel();
    private final SelectorCounts counts = new SelectorCounts();
    private final LoopDispatcher dispatcher = new LoopDispatcher(loopOwner.eventLoop(),
            HEARTBEAT_FRAME, Duration.ofSeconds(15), StreamMetrics.NONE, counts);
    private final List<EmbeddedChannel> channels = new ArrayList<>();

    @AfterEach
    void closeChannels() {
        channels.forEach(EmbeddedChannel::finishAndReleaseAll);
        loopOwner.finishAndReleaseAll();
    }

    @Test
    void patternSubscriberGetsTheUpdatesWhoseTopicUrlMatches() {
        EmbeddedChannel books = stream(TopicSelector.urlPattern("https://example.com/books/:id", HUB));

        publish("https://example.com/books/1", "https://example.com/authors/1", "HTTPS://EXAMPLE.COM/books/3",
                "/books/4", "https://example.com/books/5/reviews", "https://example.org/books/6");

        assertThat(writtenIds(books))
                .as("the pattern's subscriber gets books 1, 3 (spelled in capitals) and 4 (relative to the hub), no other")
                .containsExactly("id-1", "id-3", "id-4");
    }

    @Test
    void patternSubscriberIsNoWildcard() {
        EmbeddedChannel books = stream(TopicSelector.urlPattern("https://example.com/books/:id", HUB));

        publish("https://example.com/authors/1", "urn:isbn:1");

        assertThat(writtenIds(books)).as("updates of other topics do not reach a URL pattern's subscriber").isEmpty();
        assertThat(counts.count(SelectorCounts.Kind.URL_PATTERN)).isEqualTo(1);
        assertThat(counts.count(SelectorCounts.Kind.WILDCARD)).isZero();
    }

    @Test
    void patternWithoutFixedHostIsTriedForEveryTopic() {
        EmbeddedChannel anyHost = stream(TopicSelector.urlPattern("https://*.example.com/books/:id", HUB));

        publish("https://eu.example.com/books/1", "https://example.com/books/2", "https://us.example.com/books/3");

        assertThat(writtenIds(anyHost)).containsExactly("id-1", "id-3");
    }

    /** A stream of the selector, registered with the dispatcher with its headers sent. */
    private EmbeddedChannel stream(TopicSelector selector) {
        EmbeddedChannel channel = new EmbeddedChannel();
        SseSubscriber subscriber = dispatcher.newSubscriber(channel, Subscription.anonymous(List.of(selector)), update -> true, 64 * 1024);
        channel.pipeline().addLast("stream", new StreamHandler(subscriber));
        subscriber.headersSent();
        channel.closeFuture().addListener(closed -> {
            dispatcher.unregister(subscriber);
            subscriber.closed();
        });
        dispatcher.register(subscriber);
        channels.add(channel);
        return channel;
    }

    /** Publishes one update per topic, ids {@code id-1}, {@code id-2}... in order. */
    private void publish(String... topics) {
        List<EncodedUpdate> updates = new ArrayList<>();
        for (int i = 0; i < topics.length; i++) {
            Update update = Update.of(topics[i], "data").withId("id-" + (i + 1));
            updates.add(EncodedUpdate.encode(new StoredUpdate(new Position(i + 1), update), ByteBufAllocator.DEFAULT));
        }
        dispatcher.offer(updates);
        updates.forEach(EncodedUpdate::release);
        loopOwner.runPendingTasks();
    }

    private static List<String> writtenIds(EmbeddedChannel channel) {
        StringBuilder text = new StringBuilder();
        Object message;
        while ((message = channel.readOutbound()) != null) {
            ByteBuf bytes = (ByteBuf) message;
            text.append(bytes.toString(StandardCharsets.UTF_8));
            bytes.release();
        }
        List<String> ids = new ArrayList<>();
        for (String line : text.toString().split("\r?\n")) {
            if (line.startsWith("id: ")) {
                ids.add(line.substring("id: ".length()));
            }
        }
        return ids;
    }
}
