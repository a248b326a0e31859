package dev.herald.server;

import dev.herald.core.DeliveryHealth;
import dev.herald.core.Transport;
import dev.herald.core.TransportHealth;
import dev.herald.server.http.Responses;
import dev.herald.server.http.Route;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /healthz} (liveness: the process answers) and {@code /readyz} (readiness: 503 with the reason
 * as one line of text once a shutdown begins, or while this node does not deliver: the transport
 * reports a problem, or its {@link DeliveryHealth#lag()} exceeds the bound), the same on the public
 * port and on the admin listener. Readiness turns back by itself: it is computed from the transport's
 * state at each request, never latched.
 */
final class Health {

    private static final Logger LOG = LoggerFactory.getLogger(Health.class);

    private final Transport transport;
    private final Duration maxDeliveryLag;
    private final AtomicBoolean shuttingDown = new AtomicBoolean();
    /** What the latest look said, so that the log says when readiness changes, not at every probe. */
    private final AtomicBoolean lastSeenReady = new AtomicBoolean(true);

    Health(Transport transport, Duration maxDeliveryLag) {
        this.transport = transport;
        this.maxDeliveryLag = maxDeliveryLag;
    }

    /** From now on {@code /readyz} answers 503, so load balancers send new clients elsewhere. */
    void shutdownBegins() {
        shuttingDown.set(true);
    }

    List<Route> routes() {
        return List.of(
                Route.get("/healthz", (ctx, request, query) ->
                        ctx.writeAndFlush(Responses.text(HttpResponseStatus.OK, "ok\n"))),
                Route.get("/readyz", (ctx, request, query) -> ctx.writeAndFlush(readiness())));
    }

    /**
     * Why this node should get no work now, or empty when it should. Cheap and never blocking (the
     * transport answers from state it keeps), so probes and scrapes may ask on an event loop.
     */
    Optional<String> notReadyReason() {
        if (shuttingDown.get()) {
            return Optional.of("shutting down");
        }
        Optional<String> reason = delivery().notReadyReason(maxDeliveryLag);
        boolean ready = reason.isEmpty();
        if (lastSeenReady.getAndSet(ready) != ready) {
            if (ready) {
                LOG.info("Ready again: this node delivers");
            } else {
                LOG.warn("Not ready: {}", reason.get());
            }
        }
        return reason;
    }

    /** How live delivery goes on this node; always caught up on a transport that delivers as it appends. */
    DeliveryHealth delivery() {
        return transport instanceof TransportHealth health ? health.deliveryHealth() : DeliveryHealth.CAUGHT_UP;
    }

    private FullHttpResponse readiness() {
        return notReadyReason()
                .map(reason -> Responses.text(HttpResponseStatus.SERVICE_UNAVAILABLE, reason + "\n"))
                .orElseGet(() -> Responses.text(HttpResponseStatus.OK, "ready\n"));
    }
}
