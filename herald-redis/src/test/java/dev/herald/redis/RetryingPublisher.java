package dev.herald.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.core.RecordingListener;
import dev.herald.core.StoredUpdate;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A publisher that, through a failover, tries again until one append is acknowledged, and counts the
 * refusals: each must be a {@link RedisTransportException}, which the server answers with 503.
 */
final class RetryingPublisher {

    private final RedisTransport transport;
    private int refused;
    private StoredUpdate stored;

    RetryingPublisher(RedisTransport transport) {
        this.transport = transport;
    }

    /** One try: true once an append was acknowledged. For Awaitility's {@code until}. */
    boolean tryOnce() throws InterruptedException, TimeoutException {
        CompletableFuture<StoredUpdate> attempt = transport.append(Node.update("during " + refused));
        try {
            stored = attempt.get(RecordingListener.DEFAULT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException e) {
            assertThat(e.getCause()).as("a failed append says so (the server answers 503)")
                    .isInstanceOf(RedisTransportException.class);
            refused++;
            return false;
        }
    }

    int refused() {
        return refused;
    }

    /** The acknowledged append that ended the tries. */
    StoredUpdate stored() {
        return stored;
    }
}
