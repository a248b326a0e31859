package dev.herald.server.mercure;

import dev.herald.core.Hub;
import dev.herald.core.LastEventId;
import dev.herald.core.StoredUpdate;
import dev.herald.core.TopicSelector;
import dev.herald.core.TopicText;
import dev.herald.core.Update;
import dev.herald.core.auth.Claims;
import dev.herald.server.http.HttpException;
import dev.herald.server.http.LoopExecutors;
import dev.herald.server.http.Responses;
import dev.herald.server.http.Route;
import dev.herald.server.stream.StreamAdmission;
import dev.herald.server.stream.StreamOpener;
import dev.herald.server.stream.StreamSlot;
import dev.herald.server.stream.StreamRequest;
import dev.herald.server.stream.StreamRequest.Deadline;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Mercure hub endpoint, {@code /.well-known/mercure}: {@code GET} subscribes to the {@code topic}
 * selectors, {@code POST} publishes a form-encoded update. Both are thin adapters onto the hub, like
 * the demo API.
 */
public final class MercureEndpoint {

    public static final String PATH = "/.well-known/mercure";
    private static final Logger LOG = LoggerFactory.getLogger(MercureEndpoint.class);

    /** Limits on subscriptions; see {@link StreamDeadline} for how the lifetime is used. */
    public record Limits(int maxTopics, Duration maxConnectionLifetime) {
    }

    private final Hub hub;
    private final LoopExecutors loops;
    private final StreamOpener streams;
    private final StreamAdmission admission;
    private final Authorizer authorizer;
    private final ActiveSubscriptions subscriptions;
    private final Limits limits;
    private final Clock clock;

    public MercureEndpoint(Hub hub, StreamOpener streams, StreamAdmission admission, Authorizer authorizer,
            ActiveSubscriptions subscriptions, Limits limits, LoopExecutors loops, Clock clock) {
        this.hub = hub;
        this.loops = loops;
        this.streams = streams;
        this.admission = admission;
        this.authorizer = authorizer;
        this.subscriptions = subscriptions;
        this.limits = limits;
        this.clock = clock;
    }

    public List<Route> routes() {
        return List.of(Route.get(PATH, this::subscribe), Route.post(PATH, this::publish));
    }

    private void subscribe(ChannelHandlerContext ctx, FullHttpRequest request, QueryStringDecoder query) {
        List<String> topics = query.parameters().getOrDefault("topic", List.of());
        for (String topic : topics) {
            // Selectors are logged and announced like topics: the same characters are refused (TopicText).
            TopicText.problem(topic).ifPresent(problem -> {
                throw new HttpException(HttpResponseStatus.BAD_REQUEST, "topic selector " + problem);
            });
        }
        openStream(ctx, request, query, topics);
    }

    /**
     * Opens a stream of the given topic selectors for the request's subscriber: the one way every
     * front subscribes (the demo's {@code /stream} names its topic itself). Cheapest refusals first: the
     * request's shape, then a stream slot (node and address limits: 503/429), then the token, then the
     * template caps (400/429); templates are compiled, or taken shared, only after all of them.
     */
    public void openStream(ChannelHandlerContext ctx, HttpRequest request, QueryStringDecoder query, List<String> topics) {
        if (topics.isEmpty()) {
            throw new HttpException(HttpResponseStatus.BAD_REQUEST, "missing \"topic\" parameter");
        }
        if (topics.size() > limits.maxTopics()) {
            throw new HttpException(HttpResponseStatus.BAD_REQUEST, "too many topics: at most " + limits.maxTopics());
        }
        StreamSlot slot = admission.admit(ctx.channel().remoteAddress());
        try {
            Claims claims = authorizer.subscriber(request, query);
            List<TopicSelector> selectors = slot.selectors(topics);
            // The authorizer answers this very instance for a request without a token.
            boolean anonymous = claims == Claims.ANONYMOUS;
            streams.open(ctx, slot, new StreamRequest(claims.subscription(selectors), lastEventId(request, query),
                    deadline(claims), subscriptions.track(topics, claims::payloadFor, anonymous)));
        } catch (RuntimeException refused) {
            slot.release(); // safe to repeat if the stream had opened and closed already
            throw refused;
        }
    }

    private void publish(ChannelHandlerContext ctx, FullHttpRequest request, QueryStringDecoder query) {
        Claims claims = authorizer.publisher(request, query);
        Update update = PublishForm.parse(request.content().toString(StandardCharsets.UTF_8), limits.maxTopics());
        publish(ctx, request, claims, update, stored -> ctx.writeAndFlush(Responses.text(HttpResponseStatus.OK, stored.id())));
    }

    /**
     * Authorizes the request's publisher (401 without a valid token when keys are configured) and
     * returns its claims: the one way every front authenticates a publisher.
     */
    public Claims publisher(HttpRequest request, QueryStringDecoder query) {
        return authorizer.publisher(request, query);
    }

    /**
     * Publishes when the claims allow every topic of the update (else 403 {@code insufficient_scope},
     * nothing dispatched). On the request's event loop, {@code answer} then writes the success; a
     * transport failure is answered 503 here, the same for every front: never 200 for an update that
     * was not stored.
     */
    public void publish(ChannelHandlerContext ctx, HttpRequest request, Claims claims, Update update,
            Consumer<StoredUpdate> answer) {
        if (!claims.canPublish(update)) {
            throw authorizer.insufficientScope(request,
                    "the token does not allow publishing to every topic of this update");
        }
        hub.publish(update).whenCompleteAsync((stored, failure) -> {
            if (failure != null) {
                LOG.error("publishing to {} failed", update.topic(), failure);
                Responses.sendError(ctx, HttpResponseStatus.SERVICE_UNAVAILABLE, "the update was not stored, retry later");
                return;
            }
            answer.accept(stored);
        }, loops.of(ctx.channel().eventLoop()));
    }

    /** The {@code Last-Event-ID} header, else the {@code lastEventID} query parameter (the header wins). */
    public static Optional<LastEventId> lastEventId(HttpRequest request, QueryStringDecoder query) {
        return Optional.ofNullable(request.headers().get("Last-Event-ID"))
                .or(() -> query.parameters().getOrDefault("lastEventID", List.of()).stream().findFirst())
                .filter(id -> !id.isEmpty())
                .map(LastEventId::new);
    }

    private Optional<Deadline> deadline(Claims claims) {
        return StreamDeadline.choose(limits.maxConnectionLifetime(), claims.expiresAt(), Instant.now(clock),
                ThreadLocalRandom.current().nextDouble());
    }
}
