package dev.herald.client.sse;

import java.util.ArrayList;
import java.util.List;

/** Records what a parser says, in order, for the parser's tests. Single-threaded, like the parser. */
final class RecordingListener implements SseParser.Listener {

    final List<SseEvent> events = new ArrayList<>();
    final List<String> comments = new ArrayList<>();
    final List<Long> retries = new ArrayList<>();

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
}
