package dev.herald.server.http;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the route for each complete request and maps every refusal to its response: 404 for an
 * unknown path, 405 (with {@code Allow}) for a wrong method, the decoder's failures to 400, 414 or 431,
 * and a handler's {@link HttpException} to its status. What the client did wrong (an undecodable
 * request, more pipelined requests than the decoder holds) goes to the {@link ClientErrorLog}: one
 * rate-limited line, no stack trace. Anything unexpected is the hub's own fault: logged once with its
 * stack trace and answered 500; the connection and the server carry on.
 */
@ChannelHandler.Sharable
public final class Router extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final Logger LOG = LoggerFactory.getLogger(Router.class);

    /** Routes by path; one path may have several routes for different methods. */
    private final Map<String, List<Route>> routes = new LinkedHashMap<>();
    private final ClientErrorLog clientErrors;

    public Router(List<Route> routeList, ClientErrorLog clientErrors) {
        this.clientErrors = java.util.Objects.requireNonNull(clientErrors, "clientErrors");
        for (Route route : routeList) {
            List<Route> samePath = routes.computeIfAbsent(route.path(), path -> new ArrayList<>());
            for (Route other : samePath) {
                if (other.methods().stream().anyMatch(route.methods()::contains)) {
                    throw new IllegalArgumentException("two routes for " + route.methods() + " " + route.path());
                }
            }
            samePath.add(route);
        }
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        DecoderResult decoded = request.decoderResult();
        if (decoded.isFailure()) {
            clientErrors.log(ctx.channel().remoteAddress(), "undecodable request: " + decoded.cause().getMessage());
            rejectUndecodable(ctx, decoded.cause());
            return;
        }
        try {
            // ';' is an ordinary character in topics and ids, not a parameter separator.
            QueryStringDecoder query = QueryStringDecoder.builder().semicolonIsNormalChar(true).build(request.uri());
            List<Route> candidates = find(query.path());
            if (candidates.isEmpty()) {
                throw new HttpException(HttpResponseStatus.NOT_FOUND, "no such path: " + query.path());
            }
            for (Route route : candidates) {
                if (route.methods().contains(request.method())) {
                    route.handler().handle(ctx, request, query);
                    return;
                }
            }
            rejectMethod(ctx, candidates, query.path(), request.method());
        } catch (HttpException refusal) {
            Responses.sendError(ctx, refusal);
        } catch (IllegalArgumentException malformed) {
            // e.g. a query string with a broken percent-escape
            Responses.sendError(ctx, HttpResponseStatus.BAD_REQUEST, "malformed request: " + malformed.getMessage());
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException) {
            LOG.debug("connection {} failed: {}", ctx.channel(), cause.toString());
            ctx.close();
            return;
        }
        if (cause instanceof DecoderException) {
            // The HTTP decoder refused the client's bytes, e.g. "maxPipelineDepth exceeded: 128" from
            // HttpServerCodec when more requests are pipelined than it keeps unanswered (it then
            // discards the rest of the input): the client's doing, and nothing more can be read.
            Throwable reason = cause.getCause() == null ? cause : cause.getCause();
            clientErrors.log(ctx.channel().remoteAddress(), "request stream refused by the HTTP decoder ("
                    + reason.getMessage() + "); connection closed");
            ctx.close();
            return;
        }
        LOG.error("request on {} failed", ctx.channel(), cause);
        Responses.sendErrorAndClose(ctx, HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal error");
    }

    /** The routes of the path itself, else of the first subtree route that contains it. */
    private List<Route> find(String path) {
        List<Route> exact = routes.get(path);
        if (exact != null) {
            return exact;
        }
        for (List<Route> samePath : routes.values()) {
            List<Route> answering = samePath.stream().filter(route -> route.answers(path)).toList();
            if (!answering.isEmpty()) {
                return answering;
            }
        }
        return List.of();
    }

    private static void rejectMethod(ChannelHandlerContext ctx, List<Route> routes, String path, HttpMethod method) {
        TreeSet<String> allowed = new TreeSet<>();
        routes.forEach(route -> route.methods().forEach(m -> allowed.add(m.name())));
        var response = Responses.json(HttpResponseStatus.METHOD_NOT_ALLOWED,
                Responses.json().createObjectNode().put("error", method.name() + " is not allowed on " + path));
        response.headers().set(HttpHeaderNames.ALLOW, String.join(", ", allowed));
        ctx.writeAndFlush(response);
    }

    private static void rejectUndecodable(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof TooLongHttpHeaderException) {
            Responses.sendErrorAndClose(ctx, HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE,
                    "request headers are too large");
        } else if (cause instanceof TooLongHttpLineException) {
            Responses.sendErrorAndClose(ctx, HttpResponseStatus.REQUEST_URI_TOO_LONG, "request line is too long");
        } else if (cause instanceof TooLongFrameException) {
            Responses.sendErrorAndClose(ctx, HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, "request is too large");
        } else {
            Responses.sendErrorAndClose(ctx, HttpResponseStatus.BAD_REQUEST, "malformed HTTP request");
        }
    }
}
