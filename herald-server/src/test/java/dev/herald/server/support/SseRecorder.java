package dev.herald.server.support;

import dev.herald.client.sse.SseEvent;
import dev.herald.client.sse.SseParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An SSE client on a real socket that records what the stream says: a reader thread parses the body
 * with {@link SseParser}; tests wait for what they expect with bounded waits, never sleeps.
 */
public final class SseRecorder implements AutoCloseable {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration POLL = Duration.ofMillis(5);

    private final HttpResponse<InputStream> response;
    private final List<SseEvent> events = new CopyOnWriteArrayList<>();
    private final List<String> comments = new CopyOnWriteArrayList<>();
    private final List<Long> retries = new CopyOnWriteArrayList<>();
    private volatile boolean ended;
    private volatile Throwable failure;

    private SseRecorder(HttpResponse<InputStream> response) {
        this.response = response;
        Thread reader = new Thread(this::read, "sse-recorder");
        reader.setDaemon(true);
        reader.start();
    }

    /** Opens a stream and returns once the response headers arrived. */
    public static SseRecorder open(HttpClient client, URI uri, Map<String, String> headers) {
        // The timeout bounds the wait for the response head only; the stream itself may last.
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET().header("Accept", "text/event-stream")
                .timeout(WAIT);
        headers.forEach(request::header);
        return open(client, request.build());
    }

    /** Opens a stream with any request (another method, a body) and returns once the response head arrived. */
    public static SseRecorder open(HttpClient client, HttpRequest request) {
        try {
            return new SseRecorder(client.send(request, HttpResponse.BodyHandlers.ofInputStream()));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("opening " + request.uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public int status() {
        return response.statusCode();
    }

    public HttpHeaders headers() {
        return response.headers();
    }

    /** The events received so far, in order. */
    public List<SseEvent> events() {
        return List.copyOf(events);
    }

    public List<String> comments() {
        return List.copyOf(comments);
    }

    /** The reconnection delays the server asked for, in order. */
    public List<Long> retries() {
        return List.copyOf(retries);
    }

    public List<String> data() {
        List<String> data = new ArrayList<>();
        events.forEach(event -> data.add(event.data()));
        return data;
    }

    public List<String> ids() {
        List<String> ids = new ArrayList<>();
        events.forEach(event -> ids.add(event.lastEventId()));
        return ids;
    }

    /** Waits until at least {@code count} events arrived and returns the first {@code count}. */
    public List<SseEvent> awaitEvents(int count) {
        await("" + count + " events").atMost(WAIT).until(() -> events.size() >= count || ended);
        if (events.size() < count) {
            throw new AssertionError("the stream ended after " + events.size() + " of " + count + " events",
                    failure);
        }
        return events().subList(0, count);
    }

    public void awaitComments(int count) {
        await("" + count + " comments").atMost(WAIT).until(() -> comments.size() >= count);
    }

    /** Waits until the server ends the stream. */
    public void awaitEnd() {
        await("the end of the stream").atMost(WAIT).until(() -> ended);
    }

    public boolean ended() {
        return ended;
    }

    @Override
    public void close() {
        try {
            response.body().close();
        } catch (IOException e) {
            // closing a stream the server may already have ended: nothing to report
        }
    }

    /** A bounded wait that checks at once and then often: most waits here are already satisfied. */
    private static org.awaitility.core.ConditionFactory await(String what) {
        return org.awaitility.Awaitility.await(what).pollDelay(Duration.ZERO).pollInterval(POLL);
    }

    private void read() {
        SseParser parser = new SseParser(new SseParser.Listener() {
            @Override
            public void onEvent(SseEvent event) {
                events.add(event);
            }

            @Override
            public void onComment(String comment) {
                comments.add(comment);
            }

            @Override
            public void onRetry(long millis) {
                retries.add(millis);
            }
        });
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                parser.line(line);
            }
        } catch (IOException e) {
            failure = e;
        } finally {
            ended = true;
        }
    }
}
