package dev.herald.server.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.core.Hub;
import dev.herald.core.LastEventId;
import dev.herald.core.Subscription;
import dev.herald.core.TopicSelector;
import dev.herald.core.Update;
import dev.herald.server.http.HttpException;
import dev.herald.server.http.Responses;
import dev.herald.server.http.Route;
import dev.herald.server.stream.StreamOpener;
import io.netty.buffer.ByteBufInputStream;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The original demo's API as a thin adapter onto the hub: {@code POST /send} publishes to the demo
 * topic, {@code GET /stream} subscribes to it. Same ids, order, history and limits as every other
 * publish and subscribe.
 */
public final class DemoApi {

    private static final Logger LOG = LoggerFactory.getLogger(DemoApi.class);
    /** The demo appended the server's time to every message: {@code <message> - HH:mm:ss}. */
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final Hub hub;
    private final StreamOpener streams;
    private final String topic;
    private final Clock clock;

    public DemoApi(Hub hub, StreamOpener streams, String topic, Clock clock) {
        this.hub = hub;
        this.streams = streams;
        this.topic = topic;
        this.clock = clock;
    }

    public List<Route> routes() {
        return List.of(Route.post("/send", this::send), Route.get("/stream", this::stream));
    }

    private void send(ChannelHandlerContext ctx, FullHttpRequest request, QueryStringDecoder query) {
        String message = message(request);
        String data = message + " - " + LocalTime.now(clock).format(TIME);
        hub.publish(new Update(null, List.of(topic), data, false, null, null)).whenComplete((stored, failure) -> {
            if (failure != null) {
                LOG.error("publishing a demo message failed", failure);
                Responses.sendError(ctx, HttpResponseStatus.SERVICE_UNAVAILABLE, "the update was not stored, retry later");
                return;
            }
            ctx.writeAndFlush(Responses.json(HttpResponseStatus.OK,
                    Responses.json().createObjectNode().put("status", "sent").put("id", stored.id())));
        });
    }

    private void stream(ChannelHandlerContext ctx, FullHttpRequest request, QueryStringDecoder query) {
        Optional<LastEventId> resume = Optional.ofNullable(request.headers().get("Last-Event-ID"))
                .or(() -> query.parameters().getOrDefault("lastEventID", List.of()).stream().findFirst())
                .filter(id -> !id.isEmpty())
                .map(LastEventId::new);
        streams.open(ctx, Subscription.anonymous(List.of(TopicSelector.parse(topic))), resume);
    }

    private static String message(FullHttpRequest request) {
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
