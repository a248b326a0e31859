package dev.herald.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The gate on request heads, protocol-agnostic (the same handler runs per HTTP/2 stream). */
class PublisherGateTest {

    /** Refuses every head without an Authorization header, like a keyed hub. */
    private static final PublisherGate.Rule RULE = new PublisherGate.Rule(Set.of("/send"), (head, query) -> {
        if (!head.headers().contains("Authorization")) {
            throw new HttpException(HttpResponseStatus.UNAUTHORIZED, "publishing needs a token");
        }
    });

    private final EmbeddedChannel channel = new EmbeddedChannel(new PublisherGate(RULE));

    private static HttpRequest head(HttpMethod method, String uri) {
        return new DefaultHttpRequest(HttpVersion.HTTP_1_1, method, uri);
    }

    @Test
    void anUnauthorizedPublishHeadIsAnsweredWithTheChecksRefusalAndTheConnectionClosed() {
        channel.writeInbound(head(HttpMethod.POST, "/send"));

        FullHttpResponse answer = channel.readOutbound();
        assertThat(answer.status()).isEqualTo(HttpResponseStatus.UNAUTHORIZED);
        assertThat(answer.content().toString(StandardCharsets.UTF_8)).as("the endpoint's own body")
                .isEqualTo("{\"error\":\"publishing needs a token\"}");
        assertThat(channel.isOpen()).as("the connection is closed without reading the body").isFalse();
        answer.release();
    }

    @Test
    void theBodyOfARefusedPublishIsDroppedNotPassedOn() {
        // A socket that has not yet sent the 401: the connection stays open meanwhile.
        EmbeddedChannel open = new EmbeddedChannel(new ChannelOutboundHandlerAdapter() {
            @Override
            public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
                ReferenceCountUtil.release(msg);
            }
        }, new PublisherGate(RULE));
        open.writeInbound(head(HttpMethod.POST, "/send"));
        ByteBuf body = Unpooled.wrappedBuffer(new byte[1024]);

        open.writeInbound(new DefaultHttpContent(body));

        assertThat((Object) open.readInbound()).as("nothing of the refused request reaches the body limit").isNull();
        assertThat(body.refCnt()).as("the dropped body is released").isZero();
    }

    @Test
    void anAuthorizedPublishPassesOn() {
        HttpRequest authorized = head(HttpMethod.POST, "/send");
        authorized.headers().set("Authorization", "Bearer token");

        channel.writeInbound(authorized);

        assertThat((Object) channel.readInbound()).as("the head goes on to the body limit").isSameAs(authorized);
    }

    @Test
    void otherPathsAndMethodsAreNotChecked() {
        channel.writeInbound(head(HttpMethod.POST, "/elsewhere"), head(HttpMethod.GET, "/send?topic=x"));

        assertThat(channel.inboundMessages()).as("only POSTs to publish paths are checked").hasSize(2);
    }
}
