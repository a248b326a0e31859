package dev.herald.server;

import dev.herald.server.http.Responses;
import dev.herald.server.http.Route;
import dev.herald.server.metrics.HeraldMetrics;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;

/** {@code GET /metrics}: the Prometheus text exposition, on the main port or on the admin listener. */
final class MetricsRoute {

    private MetricsRoute() {
    }

    static Route of(HeraldMetrics metrics) {
        return Route.get("/metrics", (ctx, request, query) -> ctx.writeAndFlush(Responses.bytes(
                HttpResponseStatus.OK, "text/plain; version=0.0.4; charset=utf-8",
                metrics.scrape().getBytes(StandardCharsets.UTF_8))));
    }
}
