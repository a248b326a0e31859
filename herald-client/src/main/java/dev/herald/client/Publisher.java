package dev.herald.client;

import dev.herald.client.internal.Backoff;
import dev.herald.client.internal.FormBody;
import dev.herald.client.internal.RetryAfter;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Publishes updates to a Mercure hub ({@code POST} of a form to its publish URL) and returns the id the
 * hub gave each one.
 *
 * <pre>{@code
 * Publisher publisher = Publisher.create(PublishOptions.of(URI.create("https://hub.example/.well-known/mercure"),
 *         TokenProvider.of(jwt)));
 * String id = publisher.publish(Publication.of("https://example.com/books/1", "{\"title\":\"Dune\"}"));
 * }</pre>
 *
 * <p><b>Retries</b>: an attempt that gets no answer (refused or broken connection, timeout) or a 503 is
 * retried, up to {@link PublishOptions#maxAttempts()}, after a backoff (or the hub's
 * {@code Retry-After}, up to {@link PublishOptions#maxBackoff()}). Any other status is the hub's final
 * word: {@link PublishException} with the status and the hub's message.
 *
 * <p><b>Idempotency key</b>: every attempt of one publish carries the same {@code Idempotency-Key}
 * header (a random UUID per publish), so that a hub honouring it stores the update once even when an
 * attempt timed out after the hub had stored it. <b>Herald does not honour it yet</b> (that is the hub
 * side of issue 15, still to come) and other hubs ignore unknown headers: until then a retry after a
 * lost answer may store the update twice. Give the update an {@link Publication#withId id} of your own
 * if your subscribers must recognise such duplicates.
 *
 * <p>Thread-safe; one instance can serve a whole application. The asynchronous result completes on the
 * HTTP client's threads.
 */
public final class Publisher {

    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    /** Enough of a refusal's body for the hub's message, never a whole page. */
    private static final int MAX_MESSAGE_CHARS = 1000;

    private final HttpClient client;
    private final PublishOptions options;
    private final Backoff backoff;

    private Publisher(HttpClient client, PublishOptions options) {
        this.client = Objects.requireNonNull(client, "client");
        this.options = Objects.requireNonNull(options, "options");
        this.backoff = new Backoff(options.maxBackoff(), () -> ThreadLocalRandom.current().nextDouble());
    }

    public static Publisher create(PublishOptions options) {
        return new Publisher(HttpClient.newBuilder().connectTimeout(options.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build(), options);
    }

    /** A publisher on the application's own client (proxy, TLS, HTTP version, executor). */
    public static Publisher using(HttpClient client, PublishOptions options) {
        return new Publisher(client, options);
    }

    /** Publishes and waits for the hub's answer: the update's id. */
    public String publish(Publication publication) throws PublishException, InterruptedException {
        try {
            return publishAsync(publication).get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof PublishException refused) {
                throw refused;
            }
            throw new PublishException(0, "", 0, "publish failed: " + e.getCause(), e.getCause());
        }
    }

    /** Publishes in the background; completes with the id, or exceptionally with a {@link PublishException}. */
    public CompletableFuture<String> publishAsync(Publication publication) {
        Objects.requireNonNull(publication, "publication");
        CompletableFuture<String> result = new CompletableFuture<>();
        attempt(FormBody.of(publication), UUID.randomUUID().toString(), 1, result);
        return result;
    }

    private void attempt(String form, String idempotencyKey, int attempt, CompletableFuture<String> result) {
        HttpRequest request;
        try {
            request = request(form, idempotencyKey);
        } catch (RuntimeException e) {
            result.completeExceptionally(new PublishException(0, "", attempt - 1,
                    "publish: the token provider failed: " + e, e));
            return;
        }
        client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, error) -> {
            if (error != null) {
                Throwable cause = error instanceof CompletionException && error.getCause() != null
                        ? error.getCause() : error;
                if (!(cause instanceof IOException) || attempt >= options.maxAttempts()) {
                    result.completeExceptionally(new PublishException(0, "", attempt,
                            "publish to " + options.hub() + " failed after " + attempt + " attempt(s): " + cause, cause));
                    return;
                }
                retryLater(form, idempotencyKey, attempt, Optional.empty(), result);
                return;
            }
            int status = response.statusCode();
            if (status / 100 == 2) {
                result.complete(response.body().strip());
            } else if (status == 503 && attempt < options.maxAttempts()) {
                retryLater(form, idempotencyKey, attempt, RetryAfter.of(response.headers(), Clock.systemUTC()), result);
            } else {
                String message = message(response.body());
                result.completeExceptionally(new PublishException(status, message, attempt,
                        "the hub refused the publish: " + status + (message.isEmpty() ? "" : " " + message), null));
            }
        });
    }

    private HttpRequest request(String form, String idempotencyKey) {
        HttpRequest.Builder request = HttpRequest.newBuilder(options.hub())
                .timeout(options.timeout())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header(IDEMPOTENCY_KEY, idempotencyKey)
                .POST(HttpRequest.BodyPublishers.ofString(form));
        options.tokenProvider().token().ifPresent(jwt -> request.header("Authorization", "Bearer " + jwt));
        return request.build();
    }

    private void retryLater(String form, String idempotencyKey, int attempt, Optional<Duration> asked,
            CompletableFuture<String> result) {
        Duration delay = asked.map(d -> d.compareTo(options.maxBackoff()) > 0 ? options.maxBackoff() : d)
                .orElseGet(() -> backoff.delay(options.backoff(), attempt - 1));
        CompletableFuture.delayedExecutor(delay.toNanos(), TimeUnit.NANOSECONDS)
                .execute(() -> attempt(form, idempotencyKey, attempt + 1, result));
    }

    private static String message(String body) {
        String text = body == null ? "" : body.strip();
        return text.length() > MAX_MESSAGE_CHARS ? text.substring(0, MAX_MESSAGE_CHARS) + "…" : text;
    }
}
