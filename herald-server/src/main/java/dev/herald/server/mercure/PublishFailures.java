package dev.herald.server.mercure;

import dev.herald.redis.RedisTransportException;
import dev.herald.server.http.HttpException;
import dev.herald.store.StoreException;
import dev.herald.store.StoreFullException;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a publish that the transport failed is answered and logged: never 200 for an update that was not
 * stored, always 503 with {@code Retry-After}, and a body that says what the publisher may assume.
 *
 * <p>503 and not 507 (Insufficient Storage) for a full disk: both say "not now", but publishers, proxies
 * and load balancers retry a 503 (Herald's own client does, after {@code Retry-After}; nginx's
 * {@code proxy_next_upstream http_503}, HAProxy's {@code retry-on 503}), while a 507 is a WebDAV status
 * most of them treat as final, so its updates would be dropped. The body names the cause for the
 * person reading it.
 *
 * <p>Logging: during an outage every publish fails, thousands a second, and the transport has logged
 * the cause already. So at most one line a second, saying how many were left out before it; a
 * transport failure (Redis unreachable, a full disk) is one line without a stack trace, anything else
 * (the hub's own fault) keeps its stack trace. Safe to call from any thread.
 */
final class PublishFailures {

    /** Redis reconnects within 2 s (its backoff's ceiling); a second is the client's fair wait. */
    static final int RETRY_AFTER_SECONDS = 1;
    /** A full disk waits for an operator: minutes. A retry every 10 s costs nothing and notices soon. */
    static final int FULL_RETRY_AFTER_SECONDS = 10;

    private static final Logger LOG = LoggerFactory.getLogger(MercureEndpoint.class);
    private static final long LINE_NANOS = TimeUnit.SECONDS.toNanos(1);

    private long nextLineNanos = System.nanoTime();
    private long leftOut;

    /** The answer to a publish whose append failed with {@code failure}. */
    HttpException answer(Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof StoreFullException) {
            return new HttpException(HttpResponseStatus.SERVICE_UNAVAILABLE,
                    "the hub's disk is full: the update was not stored, retry later", FULL_RETRY_AFTER_SECONDS);
        }
        if (cause instanceof RedisTransportException redis && redis.mayHaveBeenStored()) {
            return new HttpException(HttpResponseStatus.SERVICE_UNAVAILABLE,
                    "Redis did not answer in time: the update may still have been stored, retry later",
                    RETRY_AFTER_SECONDS);
        }
        return new HttpException(HttpResponseStatus.SERVICE_UNAVAILABLE, "the update was not stored, retry later",
                RETRY_AFTER_SECONDS);
    }

    /** Logs the failure of a publish to {@code topic}, unless a line was written less than a second ago. */
    void log(String topic, Throwable failure) {
        long before;
        synchronized (this) {
            long now = System.nanoTime();
            if (now - nextLineNanos < 0) {
                leftOut++;
                return;
            }
            nextLineNanos = now + LINE_NANOS;
            before = leftOut;
            leftOut = 0;
        }
        Throwable cause = unwrap(failure);
        String more = before == 0 ? "" : " (and " + before + " failed publishes before this one, not logged)";
        if (cause instanceof StoreException || cause instanceof RedisTransportException) {
            LOG.warn("publishing to {} failed: {}{}", topic, cause.getMessage(), more);
        } else {
            LOG.error("publishing to {} failed{}", topic, more, cause);
        }
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
