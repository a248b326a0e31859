package dev.herald.server.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.Objects;
import java.util.Set;

/**
 * One path, the methods it answers, and what answers them. A subtree route also answers every path
 * below its own ({@code /a} answers {@code /a/b/c}).
 */
public record Route(String path, Set<HttpMethod> methods, Handler handler, boolean subtree) {

    /**
     * Answers one request on the channel's event loop. It may answer later from another thread, but
     * must read what it needs from the request before returning (the request is released then). It
     * refuses a request by throwing {@link HttpException}.
     */
    @FunctionalInterface
    public interface Handler {
        void handle(ChannelHandlerContext ctx, FullHttpRequest request, QueryStringDecoder query);
    }

    public Route {
        Objects.requireNonNull(path, "path");
        methods = Set.copyOf(methods);
        Objects.requireNonNull(handler, "handler");
    }

    public static Route get(String path, Handler handler) {
        return new Route(path, Set.of(HttpMethod.GET, HttpMethod.HEAD), handler, false);
    }

    public static Route post(String path, Handler handler) {
        return new Route(path, Set.of(HttpMethod.POST), handler, false);
    }

    /** GET and HEAD on the path and every path below it. */
    public static Route getSubtree(String path, Handler handler) {
        return new Route(path, Set.of(HttpMethod.GET, HttpMethod.HEAD), handler, true);
    }

    /** True when this route answers the path. */
    public boolean answers(String requestPath) {
        return path.equals(requestPath) || subtree && requestPath.startsWith(path + "/");
    }
}
