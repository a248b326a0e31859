package dev.herald.server;

import dev.herald.core.Transport;
import dev.herald.core.TransportHealth;
import dev.herald.server.http.Responses;
import dev.herald.server.http.Route;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code /healthz} (liveness: the process answers) and {@code /readyz} (readiness: 503 once a shutdown
 * begins or while the transport's backing service is unreachable), the same on the public port and
 * on the admin listener.
 */
final class Health {

    private final Transport transport;
    private final AtomicBoolean shuttingDown = new AtomicBoolean();

    Health(Transport transport) {
        this.transport = transport;
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

    private FullHttpResponse readiness() {
        if (shuttingDown.get()) {
            return Responses.text(HttpResponseStatus.SERVICE_UNAVAILABLE, "shutting down\n");
        }
        if (transport instanceof TransportHealth health && !health.ready()) {
            return Responses.text(HttpResponseStatus.SERVICE_UNAVAILABLE, "transport unavailable\n");
        }
        return Responses.text(HttpResponseStatus.OK, "ready\n");
    }
}
