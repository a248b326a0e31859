package dev.herald.server.mercure;

import dev.herald.core.Appended;
import dev.herald.core.Hub;
import dev.herald.core.IdempotencyConflictException;
import dev.herald.core.IdempotencyKey;
import dev.herald.core.StoredUpdate;
import dev.herald.core.TopicSelector;
import dev.herald.core.Update;
import dev.herald.core.auth.Claims;
import dev.herald.core.urlpattern.HubNamespace;
import dev.herald.server.http.HttpException;
import dev.herald.server.http.LoopExecutors;
import dev.herald.server.http.Responses;
import dev.herald.server.http.Route;
import dev.herald.server.stream.StreamAdmission;
import dev.herald.server.stream.StreamOpener;
import dev.herald.server.stream.StreamSlot;
import dev.herald.server.stream.StreamRequest;
import dev.herald.server.stream.StreamRequest.Deadline;
import dev.herald.server.stream.StreamRequest.StreamLifecycle;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Mercure hub endpoint, {@code /.well-known/mercure}: {@code GET} (or draft-08's {@code QUERY})
 * subscribes to the topic matchers ({@link SubscribeParameters}), {@code POST} publishes a form-encoded
 * update. Both are thin adapters onto the hub, like the demo API.
 */
public final class MercureEndpoint {

    public static final String PATH = "/.well-known/mercure";
    /** The safe method with a body that draft-08 allows for subscriptions (RFC 10008). */
    public static final HttpMethod QUERY = HttpMethod.valueOf("QUERY");
    private static final String FORM_TYPE = "application/x-www-form-urlencoded";
    private static final Logger LOG = LoggerFactory.getLogger(MercureEndpoint.class);

    /**
     * Limits on subscriptions, and the hub's URL; see {@link StreamDeadline} for how the lifetime is used.
     *
     * @param hubUrl what relative URL patterns and topics resolve against (draft-08)
     */
    public record Limits(int maxTopics, Duration maxConnectionLifetime, String hubUrl) {
    }

    private final Hub hub;
    private final LoopExecutors loops;
    private final StreamOpener streams;
    private final StreamAdmission admission;
    private final Authorizer authorizer;
    private final ActiveSubscriptions subscriptions;
    private final Limits limits;
    private final Clock clock;
    /** Where no published topic may point: the hub's own path (draft-08). */
    private final HubNamespace reservedNamespace;

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
        this.reservedNamespace = new HubNamespace(limits.hubUrl());
    }

    public List<Route> routes() {
        return List.of(Route.get(PATH, this::subscribe), Route.post(PATH, this::publish),
                new Route(PATH, Set.of(QUERY), this::subscribeWithBody, false));
    }

    private void subscribe(ChannelHandlerContext ctx, FullHttpRequest request, QueryStringDecoder query) {
        openStream(ctx, request, query,
                SubscribeParameters.parse(request, query.parameters(), Map.of(), limits.maxTopics()));
    }

    /**
     * Draft-08's {@code QUERY} subscription: the matchers (and the cursor) may come in a form body, for
     * lists too long for a URL; the body is bounded like a publish's ({@code --max-body-bytes}).
     */
    private void subscribeWithBody(ChannelHandlerContext ctx, FullHttpRequest request, QueryStringDecoder query) {
        CharSequence type = HttpUtil.getMimeType(request);
        if (request.content().isReadable()
                && (type == null || !FORM_TYPE.equalsIgnoreCase(type.toString().trim()))) {
            throw new HttpException(HttpResponseStatus.UNSUPPORTED_MEDIA_TYPE,
                    "a QUERY body must be sent with Content-Type: " + FORM_TYPE);
        }
        Map<String, List<String>> body = FormFields.decode(request.content().toString(StandardCharsets.UTF_8));
        openStream(ctx, request, query, SubscribeParameters.parse(request, query.parameters(), body, limits.maxTopics()));
    }

    /**
     * Opens a stream of the given topic matchers for the request's subscriber: the one way every front
     * subscribes (the demo's {@code /stream} names its topic itself). Cheapest refusals first: the
     * request's shape (already checked by {@link SubscribeParameters}), then a stream slot (node and
     * address limits: 503/429), then the token, then the template caps (400/429); templates are
     * compiled, or taken shared, only after all of them.
     */
    public void openStream(ChannelHandlerContext ctx, HttpRequest request, QueryStringDecoder query,
            SubscribeParameters parameters) {
        StreamSlot slot = admission.admit(ctx.channel().remoteAddress());
        try {
            Claims claims = authorizer.subscriber(request, query);
            List<Selected> selected = selectors(slot, parameters.matchers(), limits.hubUrl());
            // The authorizer answers this very instance for a request without a token.
            boolean anonymous = claims == Claims.ANONYMOUS;
            StreamLifecycle lifecycle = subscriptions.track(selected.stream().map(Selected::announced).toList(),
                    claims::payloadFor, anonymous);
            streams.open(ctx, slot, new StreamRequest(claims.subscription(selected.stream().map(Selected::selector).toList()),
                    parameters.resumeAfter(), parameters.cursorGiven(), deadline(claims), lifecycle,
                    ActiveSubscriptions.eventsOf(parameters.generation())));
        } catch (RuntimeException refused) {
            slot.release(); // safe to repeat if the stream had opened and closed already
            throw refused;
        }
    }

    /** One matcher of a stream and the selector it became. */
    private record Selected(TopicMatcher matcher, TopicSelector selector) {
        /**
         * How its subscription is announced: a draft-07 selector that compiled as a URI template is a
         * {@code uritemplate}, any other one (exact, {@code *}, an invalid template) matches as
         * {@code exact} does.
         */
        ActiveSubscriptions.Matcher announced() {
            MatchType type = switch (matcher.type()) {
                case EXACT -> MatchType.EXACT;
                case URL_PATTERN -> MatchType.URL_PATTERN;
                case SELECTOR -> selector instanceof TopicSelector.Template ? MatchType.URI_TEMPLATE : MatchType.EXACT;
            };
            return new ActiveSubscriptions.Matcher(type, matcher.text());
        }
    }

    /**
     * The matchers as selectors, in the request's order: draft-07 selectors and draft-08 URL patterns
     * through the slot (the template caps, compiled ones shared; an invalid pattern is a 400), draft-08
     * exact matchers as they are ({@code *} still means every topic; braces are literal).
     */
    private static List<Selected> selectors(StreamSlot slot, List<TopicMatcher> matchers, String hubUrl) {
        List<String> selectorTexts = new ArrayList<>();
        List<String> urlPatterns = new ArrayList<>();
        for (TopicMatcher matcher : matchers) {
            switch (matcher.type()) {
                case SELECTOR -> selectorTexts.add(matcher.text());
                case URL_PATTERN -> urlPatterns.add(matcher.text());
                case EXACT -> { }
            }
        }
        // The slot answers the selectors first, then the patterns, each in the order given.
        List<TopicSelector> compiled = slot.selectors(selectorTexts, urlPatterns, hubUrl);
        int nextSelector = 0;
        int nextPattern = selectorTexts.size();
        List<Selected> selected = new ArrayList<>(matchers.size());
        for (TopicMatcher matcher : matchers) {
            TopicSelector selector = switch (matcher.type()) {
                case SELECTOR -> compiled.get(nextSelector++);
                case URL_PATTERN -> compiled.get(nextPattern++);
                case EXACT -> TopicSelector.WILDCARD.equals(matcher.text())
                        ? TopicSelector.Any.INSTANCE : new TopicSelector.Exact(matcher.text());
            };
            selected.add(new Selected(matcher, selector));
        }
        return selected;
    }

    private void publish(ChannelHandlerContext ctx, FullHttpRequest request, QueryStringDecoder query) {
        Publisher publisher = publisher(request, query);
        Update update = PublishForm.parse(request.content().toString(StandardCharsets.UTF_8), limits.maxTopics(), reservedNamespace);
        publish(ctx, request, publisher, update, IdempotencyKey.fingerprint(update),
                id -> ctx.writeAndFlush(Responses.text(HttpResponseStatus.OK, id)));
    }

    /**
     * Authorizes the request's publisher (401 without a valid token when keys are configured) and
     * returns its claims with the request's {@code Idempotency-Key} (400 when malformed) scoped to it:
     * the one way every front authenticates a publisher.
     */
    public Publisher publisher(HttpRequest request, QueryStringDecoder query) {
        Claims claims = authorizer.publisher(request, query);
        Optional<IdempotencyKey> key = IdempotencyHeader.read(request)
                .map(value -> new IdempotencyKey(authorizer.publisherScope(request, query), value));
        return new Publisher(claims, key);
    }

    /**
     * Publishes when the claims allow every topic of the update (else 403 {@code insufficient_scope},
     * nothing dispatched), once per idempotency key: a retry gets the first attempt's id and stores
     * nothing, the key on another request is a 422. {@code fingerprint} is what makes two attempts the
     * same request: {@link IdempotencyKey#fingerprint} of the update as published, or of what the
     * publisher sent when the front adds to it (the demo adds the time). On the request's event loop,
     * {@code answer} then writes the success with the update's id; a transport failure is answered 503
     * here, the same for every front: never 200 for an update that was not stored.
     */
    public void publish(ChannelHandlerContext ctx, HttpRequest request, Publisher publisher, Update update,
            String fingerprint, Consumer<String> answer) {
        if (!publisher.claims().canPublish(update)) {
            throw authorizer.insufficientScope(request,
                    "the token does not allow publishing to every topic of this update");
        }
        CompletableFuture<String> id = publisher.idempotencyKey().isPresent() && hub.hasIdempotency()
                ? hub.publishOnce(update, publisher.idempotencyKey().get(), fingerprint).thenApply(Appended::id)
                : hub.publish(update).thenApply(StoredUpdate::id);
        id.whenCompleteAsync((storedId, failure) -> {
            if (failure == null) {
                answer.accept(storedId);
            } else if (unwrap(failure) instanceof IdempotencyConflictException conflict) {
                Responses.sendError(ctx, HttpResponseStatus.UNPROCESSABLE_ENTITY, conflict.getMessage());
            } else {
                LOG.error("publishing to {} failed", update.topic(), failure);
                Responses.sendError(ctx, HttpResponseStatus.SERVICE_UNAVAILABLE, "the update was not stored, retry later");
            }
        }, loops.of(ctx.channel().eventLoop()));
    }

    private static Throwable unwrap(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }

    private Optional<Deadline> deadline(Claims claims) {
        return StreamDeadline.choose(limits.maxConnectionLifetime(), claims.expiresAt(), Instant.now(clock),
                ThreadLocalRandom.current().nextDouble());
    }
}
