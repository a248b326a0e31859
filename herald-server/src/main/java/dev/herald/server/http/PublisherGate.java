package dev.herald.server.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.ReferenceCountUtil;
import java.util.Objects;
import java.util.Set;

/**
 * Authorizes a publish on its request head, before the body is read: placed before the body limit,
 * it runs the endpoints' own publisher check on the headers (token, cookie origin) of a {@code POST}
 * to one of the publish paths, and refuses with that check's answer (401, or 403 for a cookie from a
 * foreign origin; the same body the endpoint gives) and closes the connection
 * ({@link LingeringClose}: the client still reads the answer), dropping whatever of the body arrives.
 * An unauthorized 10 MB publish therefore costs a 401, not 10 MB. An authorized
 * request passes on unchanged and the endpoint authorizes it again: a second code path deciding who may
 * publish would cost more than the check, whose signature part is done once per token anyway
 * ({@code TokenVerifier} remembers the tokens it verified).
 */
public final class PublisherGate extends ChannelInboundHandlerAdapter {

    /** Refuses a request head by throwing {@link HttpException}. */
    @FunctionalInterface
    public interface HeadCheck {
        void check(HttpRequest head, QueryStringDecoder query);
    }

    /** Which {@code POST} paths are publishes, and the check they need. */
    public record Rule(Set<String> paths, HeadCheck check) {
        public Rule {
            paths = Set.copyOf(paths);
            Objects.requireNonNull(check, "check");
        }
    }

    private final Rule rule;
    private boolean refused;

    public PublisherGate(Rule rule) {
        this.rule = rule;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (refused) {
            // The rest of a refused request's body, until the connection is closed.
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof HttpRequest head && HttpMethod.POST.equals(head.method()) && head.decoderResult().isSuccess()) {
            HttpException refusal = refusal(head);
            if (refusal != null) {
                refused = true;
                ReferenceCountUtil.release(msg);
                LingeringClose.answer(ctx, refusal);
                return;
            }
        }
        ctx.fireChannelRead(msg);
    }

    private HttpException refusal(HttpRequest head) {
        QueryStringDecoder query;
        try {
            query = QueryStringDecoder.builder().semicolonIsNormalChar(true).build(head.uri());
            if (!rule.paths().contains(query.path())) {
                return null;
            }
        } catch (IllegalArgumentException malformed) {
            return null; // the router answers 400
        }
        try {
            rule.check().check(head, query);
            return null;
        } catch (HttpException refusal) {
            return refusal;
        }
    }
}
