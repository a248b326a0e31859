package dev.herald.server.mercure;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.server.AccessTokenOptions;
import dev.herald.server.http.HttpException;
import dev.herald.server.http.Responses;
import dev.herald.server.http.Route;
import dev.herald.server.mercure.ActiveSubscriptions.Entry;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.ssl.SslHandler;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The subscriptions API, in both generations' shapes under {@code /.well-known/mercure/subscriptions}:
 *
 * <ul>
 *   <li>draft-07: {@code [/{topic}[/{subscriber}]]}, JSON-LD ({@code application/ld+json}) with the
 *       cursor as {@code lastEventID} in the body, as before;
 *   <li>draft-08: {@code [/{match_type}/{match}[/{subscriber}]]}, {@code application/json} with the
 *       cursor in the {@code Link} header ({@link CursorHeaders}), {@code ETag} and {@code Cache-Control}.
 * </ul>
 *
 * Both list every subscription, whichever generation made it ({@link SubscriptionDocuments}). A path of
 * one segment is draft-07's and of three draft-08's, whatever the token; the paths both could mean (none,
 * or two segments) are answered in the generation of the reader's token: an access token
 * ({@code at+jwt}) gets draft-08's, a {@code mercure}-claim token draft-07's. A token is always
 * required, so every request that gets an answer has one to decide by.
 *
 * <p>The reader needs a token whose subscribe grants match the requested path (without the query), as
 * a topic: the listing reveals who listens to what. 401 without a valid token, 403
 * {@code insufficient_scope} otherwise, both before anything is looked up.
 */
public final class SubscriptionsApi {

    private static final String JSON_LD = "application/ld+json";
    private static final String JSON = "application/json";
    /**
     * What a {@code Host} header may hold to name this hub in the {@code Link} (a name or an address,
     * and a port): anything else, which could break the header's syntax, is replaced by the local address.
     */
    private static final Pattern AUTHORITY = Pattern.compile("[A-Za-z0-9._\\-]{1,253}(:[0-9]{1,5})?|\\[[0-9A-Fa-f:.]{2,45}](:[0-9]{1,5})?");

    private final ActiveSubscriptions subscriptions;
    private final Authorizer authorizer;
    private final BearerChallenges challenges;

    public SubscriptionsApi(ActiveSubscriptions subscriptions, Authorizer authorizer, BearerChallenges challenges) {
        this.subscriptions = subscriptions;
        this.authorizer = authorizer;
        this.challenges = challenges;
    }

    public List<Route> routes() {
        return subscriptions.enabled()
                ? List.of(Route.getSubtree(ActiveSubscriptions.TOPIC_PREFIX, this::answer))
                : List.of();
    }

    private void answer(ChannelHandlerContext ctx, FullHttpRequest request, QueryStringDecoder query) {
        String path = query.rawPath();
        List<String> segments = segmentsAfterPrefix(path);
        Authorizer.Reader reader = authorizer.subscriptionReader(request, query);
        if (reader.claims().subscribeSelectors().stream().noneMatch(selector -> selector.matches(path))) {
            throw authorizer.insufficientScope(request, "the token does not allow reading " + path);
        }
        ProtocolGeneration generation = switch (segments.size()) {
            case 0, 2 -> reader.generation();
            case 1 -> ProtocolGeneration.DRAFT_07;
            case 3 -> ProtocolGeneration.DRAFT_08;
            default -> throw notFound("no such path: " + path);
        };
        ctx.writeAndFlush(generation == ProtocolGeneration.DRAFT_08
                ? draft08(ctx.channel(), request, path, segments)
                : draft07(path, segments));
    }

    private FullHttpResponse draft07(String path, List<String> rawSegments) {
        List<String> segments = rawSegments.stream().map(UrlEscape::decodeComponent).toList();
        ObjectNode body = switch (segments.size()) {
            case 0 -> draft07Collection(path, entry -> true);
            case 1 -> draft07Collection(path, entry -> entry.match().equals(segments.get(0)));
            default -> draft07Single(segments.get(0), segments.get(1));
        };
        FullHttpResponse response = Responses.json(HttpResponseStatus.OK, body);
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, JSON_LD);
        return response;
    }

    private ObjectNode draft07Collection(String path, Predicate<Entry> wanted) {
        ObjectNode body = Responses.json().createObjectNode()
                .put("@context", SubscriptionDocuments.CONTEXT)
                .put("id", path)
                .put("type", "Subscriptions")
                .put("lastEventID", subscriptions.lastEventId());
        ArrayNode list = body.putArray("subscriptions");
        subscriptions.entries().stream().filter(wanted).forEach(entry -> list.add(SubscriptionDocuments.draft07(entry, true)));
        return body;
    }

    private ObjectNode draft07Single(String topic, String subscriber) {
        Entry entry = subscriptions.entries().stream()
                .filter(candidate -> candidate.match().equals(topic) && candidate.subscriber().equals(subscriber))
                .findFirst().orElseThrow(() -> notFound("no such subscription"));
        ObjectNode body = SubscriptionDocuments.draft07WithContext(entry, true);
        body.put("lastEventID", subscriptions.lastEventId());
        return body;
    }

    /**
     * Draft-08's answer. The cursor is read before the listing, so an update stored in between is after
     * it: a subscriber resuming from it misses nothing the listing does not show.
     */
    private FullHttpResponse draft08(Channel channel, HttpRequest request, String path, List<String> rawSegments) {
        String cursor = subscriptions.lastEventId();
        List<String> segments = rawSegments.stream().map(UrlEscape::decodeSegment).toList();
        ObjectNode body;
        if (segments.isEmpty()) {
            body = draft08Collection(path, entry -> true);
        } else {
            MatchType type = MatchType.ofWireName(segments.get(0))
                    .orElseThrow(() -> notFound("no such match type: this hub lists exact, urlpattern and uritemplate"));
            Predicate<Entry> matcher = entry -> entry.matchType() == type && entry.match().equals(segments.get(1));
            body = segments.size() == 2 ? draft08Collection(path, matcher)
                    : SubscriptionDocuments.draft08(subscriptions.entries().stream()
                            .filter(matcher.and(entry -> entry.subscriber().equals(segments.get(2))))
                            .findFirst().orElseThrow(() -> notFound("no such subscription")), true);
        }
        FullHttpResponse response = Responses.json(HttpResponseStatus.OK, body);
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, JSON)
                .set("Link", CursorHeaders.link(hubUrl(channel, request), cursor))
                .set(HttpHeaderNames.ETAG, CursorHeaders.etag(cursor))
                // private: the answer depends on the reader's token, which a shared cache must not store
                // (must-revalidate alone would let it, for a request with Authorization: RFC 9111 §3.5).
                .set(HttpHeaderNames.CACHE_CONTROL, "private, must-revalidate");
        return response;
    }

    private ObjectNode draft08Collection(String path, Predicate<Entry> wanted) {
        ObjectNode body = Responses.json().createObjectNode()
                .put("id", path)
                .put("type", "subscriptions");
        ArrayNode list = body.putArray("subscriptions");
        subscriptions.entries().stream().filter(wanted).forEach(entry -> list.add(SubscriptionDocuments.draft08(entry, true)));
        return body;
    }

    /**
     * The hub's URL for the {@code Link}: the resource identifier of the public URL the request named
     * (its {@code Host}), else the first; without {@code --public-url}, the request's own origin.
     */
    private String hubUrl(Channel channel, HttpRequest request) {
        return challenges.publicUrlOf(request).map(AccessTokenOptions::resource)
                .orElseGet(() -> ownOrigin(channel, request) + MercureEndpoint.PATH);
    }

    /** {@code http(s)://} and the request's {@code Host}, or the address it reached when the header is odd. */
    private static String ownOrigin(Channel channel, HttpRequest request) {
        // An HTTP/2 stream's TLS is its connection's, one channel up.
        boolean tls = channel.pipeline().get(SslHandler.class) != null
                || channel.parent() != null && channel.parent().pipeline().get(SslHandler.class) != null;
        String host = request.headers().get(HttpHeaderNames.HOST);
        if (host == null || !AUTHORITY.matcher(host.strip()).matches()) {
            host = channel.localAddress() instanceof InetSocketAddress local ? authorityOf(local) : "localhost";
        }
        return (tls ? "https://" : "http://") + host.strip();
    }

    private static String authorityOf(InetSocketAddress address) {
        String host = address.getAddress().getHostAddress();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + address.getPort();
    }

    /** The still-encoded segments after {@code /.well-known/mercure/subscriptions}. */
    private static List<String> segmentsAfterPrefix(String rawPath) {
        String rest = rawPath.substring(ActiveSubscriptions.TOPIC_PREFIX.length());
        if (rest.isEmpty() || rest.equals("/")) {
            return List.of();
        }
        return Arrays.asList(rest.substring(1).split("/", -1));
    }

    private static HttpException notFound(String message) {
        return new HttpException(HttpResponseStatus.NOT_FOUND, message);
    }
}
