package dev.herald.server.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.core.IdempotencyKey;
import dev.herald.core.Update;
import dev.herald.server.http.HttpException;
import dev.herald.server.http.Responses;
import dev.herald.server.http.Route;
import dev.herald.server.mercure.MercureEndpoint;
import dev.herald.server.mercure.Publisher;
import dev.herald.server.mercure.SubscribeParameters;
import dev.herald.server.mercure.TopicMatcher;
import io.netty.buffer.ByteBufInputStream;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The original demo's API as a thin adapter onto the Mercure hub: {@code POST /send} publishes to the
 * demo topic, {@code GET /stream} subscribes to it. Same ids, order, history, limits and
 * authorization as a Mercure publish and subscribe.
 */
public final class DemoApi {

    /** The demo appended the server's time to every message: {@code <message> - HH:mm:ss}. */
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final String JSON_TYPE = "application/json";

    /** Where the demo publishes. */
    public static final String SEND_PATH = "/send";

    private final MercureEndpoint mercure;
    private final String topic;
    private final Clock clock;

    public DemoApi(MercureEndpoint mercure, String topic, Clock clock) {
        this.mercure = mercure;
        this.topic = topic;
        this.clock = clock;
    }

    public List<Route> routes() {
        return List.of(Route.post(SEND_PATH, this::send), Route.get("/stream", this::stream));
    }

    private void send(ChannelHandlerContext ctx, FullHttpRequest request, QueryStringDecoder query) {
        Publisher publisher = mercure.publisher(request, query);
        requireJson(request);
        String message = message(request);
        String data = message + " - " + LocalTime.now(clock).format(TIME);
        // A retry comes a moment later: what the publisher sent is the message, not the time added to it.
        String fingerprint = IdempotencyKey.fingerprint(Update.of(topic, message));
        mercure.publish(ctx, request, publisher, new Update(null, List.of(topic), data, false, null, null), fingerprint, id ->
                ctx.writeAndFlush(Responses.json(HttpResponseStatus.OK,
                        Responses.json().createObjectNode().put("status", "sent").put("id", id))));
    }

    private void stream(ChannelHandlerContext ctx, FullHttpRequest request, QueryStringDecoder query) {
        mercure.openStream(ctx, request, query, SubscribeParameters.of(
                List.of(new TopicMatcher(TopicMatcher.Type.SELECTOR, topic)), request, query.parameters()));
    }

    /**
     * {@code /send} takes {@code application/json} only (415 otherwise). A browser sends a form or
     * {@code text/plain} body to another origin without asking first (a "simple" request); a JSON
     * body needs a CORS preflight, which this hub does not grant to other origins. So an HTML form on
     * another site cannot post a demo message, whatever it puts in its body.
     */
    private static void requireJson(FullHttpRequest request) {
        CharSequence type = HttpUtil.getMimeType(request);
        if (type == null || !JSON_TYPE.equalsIgnoreCase(type.toString().trim())) {
            throw new HttpException(HttpResponseStatus.UNSUPPORTED_MEDIA_TYPE,
                    "the body must be JSON, sent with Content-Type: application/json");
        }
    }

    /** The {@code message} of a {@code /send} JSON body, or a 400 naming what is wrong (package-private for its fuzz test). */
    static String message(FullHttpRequest request) {
        JsonNode body;
        try (InputStream in = new ByteBufInputStream(request.content())) {
            body = Responses.json().readTree(in);
        } catch (JsonProcessingException e) {
            throw new HttpException(HttpResponseStatus.BAD_REQUEST, "malformed JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new HttpException(HttpResponseStatus.BAD_REQUEST, "unreadable body");
        }
        if (body == null || !body.isObject()) {
            throw new HttpException(HttpResponseStatus.BAD_REQUEST, "the body must be a JSON object like {\"message\": \"hi\"}");
        }
        JsonNode message = body.get("message");
        if (message == null || message.isNull()) {
            throw new HttpException(HttpResponseStatus.BAD_REQUEST, "\"message\" is required");
        }
        if (!message.isTextual()) {
            throw new HttpException(HttpResponseStatus.BAD_REQUEST, "\"message\" must be a string");
        }
        return message.textValue();
    }
}
