package dev.herald.server.mercure;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.core.auth.Claims;
import dev.herald.server.http.HttpException;
import dev.herald.server.http.Responses;
import dev.herald.server.http.Route;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code GET /.well-known/mercure/subscriptions[/{topic}[/{subscriber}]]}: the open subscriptions as
 * JSON-LD. The requester needs a subscriber token whose {@code mercure.subscribe} selectors match the
 * requested URL, since the listing reveals who listens to what.
 */
public final class SubscriptionsApi {

    private static final String CONTENT_TYPE = "application/ld+json";

    private final ActiveSubscriptions subscriptions;
    private final Authorizer authorizer;

    public SubscriptionsApi(ActiveSubscriptions subscriptions, Authorizer authorizer) {
        this.subscriptions = subscriptions;
        this.authorizer = authorizer;
    }

    public List<Route> routes() {
        return subscriptions.enabled()
                ? List.of(Route.getSubtree(ActiveSubscriptions.TOPIC_PREFIX, this::answer))
                : List.of();
    }

    private void answer(ChannelHandlerContext ctx, FullHttpRequest request, QueryStringDecoder query) {
        String path = query.rawPath();
        List<String> segments = segmentsAfterPrefix(path);
        Claims claims = authorizer.subscriptionReader(request, query);
        if (claims.subscribeSelectors().stream().noneMatch(selector -> selector.matches(path))) {
            throw authorizer.insufficientScope(request, "the token does not allow reading " + path);
        }
        ObjectNode body = switch (segments.size()) {
            case 0 -> collection(path, null);
            case 1 -> collection(path, segments.get(0));
            case 2 -> single(segments.get(0), segments.get(1));
            default -> throw new HttpException(HttpResponseStatus.NOT_FOUND, "no such path: " + path);
        };
        FullHttpResponse response = Responses.json(HttpResponseStatus.OK, body);
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, CONTENT_TYPE);
        ctx.writeAndFlush(response);
    }

    private ObjectNode collection(String path, String topic) {
        ObjectNode body = Responses.json().createObjectNode()
                .put("@context", ActiveSubscriptions.CONTEXT)
                .put("id", path)
                .put("type", "Subscriptions")
                .put("lastEventID", subscriptions.lastEventId());
        ArrayNode list = body.putArray("subscriptions");
        for (ActiveSubscriptions.Entry entry : subscriptions.entries()) {
            if (topic == null || topic.equals(entry.topic())) {
                list.add(ActiveSubscriptions.document(entry, true));
            }
        }
        return body;
    }

    private ObjectNode single(String topic, String subscriber) {
        for (ActiveSubscriptions.Entry entry : subscriptions.entries()) {
            if (entry.topic().equals(topic) && entry.subscriber().equals(subscriber)) {
                ObjectNode body = Responses.json().createObjectNode().put("@context", ActiveSubscriptions.CONTEXT);
                body.setAll(ActiveSubscriptions.document(entry, true));
                body.put("lastEventID", subscriptions.lastEventId());
                return body;
            }
        }
        throw new HttpException(HttpResponseStatus.NOT_FOUND, "no such subscription");
    }

    /** The decoded segments after {@code /.well-known/mercure/subscriptions}. */
    private static List<String> segmentsAfterPrefix(String rawPath) {
        String rest = rawPath.substring(ActiveSubscriptions.TOPIC_PREFIX.length());
        if (rest.isEmpty() || rest.equals("/")) {
            return List.of();
        }
        return java.util.Arrays.stream(rest.substring(1).split("/", -1))
                .map(segment -> QueryStringDecoder.decodeComponent(segment, StandardCharsets.UTF_8))
                .toList();
    }

}
