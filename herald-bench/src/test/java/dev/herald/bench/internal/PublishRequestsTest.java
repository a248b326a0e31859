package dev.herald.bench.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.bench.Api;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequestDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A framed publish request is what an HTTP server reads as that POST, headers and body included. */
class PublishRequestsTest {

    private static final List<String> TOPICS = List.of("https://herald.local/bench/0", "https://herald.local/bench/1");

    @Test
    void mercurePublishIsAFormPostToTheHub() {
        PublishRequests requests = new PublishRequests(plan(Api.MERCURE, "/.well-known/mercure", null), "127.0.0.1:8080");

        FullHttpRequest request = decode(requests, 1, "hb:1:7:123:");

        assertThat(request.method()).isEqualTo(HttpMethod.POST);
        assertThat(request.uri()).isEqualTo("/.well-known/mercure");
        assertThat(request.headers().get("host")).isEqualTo("127.0.0.1:8080");
        assertThat(request.headers().get("content-type")).isEqualTo("application/x-www-form-urlencoded");
        assertThat(request.headers().contains("authorization")).isFalse();
        assertThat(request.content().toString(StandardCharsets.UTF_8))
                .isEqualTo("topic=https%3A%2F%2Fherald.local%2Fbench%2F1&data=hb%3A1%3A7%3A123%3A");
        request.release();
    }

    @Test
    void rawPublishNamesTheTopicInThePathAndCarriesTheToken() {
        PublishRequests requests = new PublishRequests(plan(Api.RAW, "/pub?id={topic}", "tok"), "127.0.0.1:8090");

        FullHttpRequest request = decode(requests, 0, "hb:0:1:2:");

        assertThat(request.uri()).isEqualTo("/pub?id=https%3A%2F%2Fherald.local%2Fbench%2F0");
        assertThat(request.headers().get("authorization")).isEqualTo("Bearer tok");
        assertThat(request.content().toString(StandardCharsets.UTF_8)).isEqualTo("hb:0:1:2:");
        request.release();
    }

    @Test
    void aPrivateTopicsUpdateSaysSoInItsForm() {
        PublishPlan plan = new PublishPlan("127.0.0.1", 8080, Api.MERCURE, "/.well-known/mercure", TOPICS, 16, 1, null, 1);
        PublishRequests requests = new PublishRequests(plan, "127.0.0.1:8080");

        FullHttpRequest publicOne = decode(requests, 0, "hb:0:1:2:");
        FullHttpRequest privateOne = decode(requests, 1, "hb:1:1:2:");

        assertThat(publicOne.content().toString(StandardCharsets.UTF_8))
                .isEqualTo("topic=https%3A%2F%2Fherald.local%2Fbench%2F0&data=hb%3A0%3A1%3A2%3A");
        assertThat(privateOne.content().toString(StandardCharsets.UTF_8))
                .isEqualTo("topic=https%3A%2F%2Fherald.local%2Fbench%2F1&data=hb%3A1%3A1%3A2%3A&private=on");
        assertThat(privateOne.headers().getInt("content-length")).isEqualTo(privateOne.content().readableBytes());
        publicOne.release();
        privateOne.release();
    }

    private static FullHttpRequest decode(PublishRequests requests, int topic, String data) {
        EmbeddedChannel server = new EmbeddedChannel(new HttpRequestDecoder(), new HttpObjectAggregator(64 * 1024));
        server.writeInbound(requests.frame(ByteBufAllocator.DEFAULT, topic, data));
        FullHttpRequest request = server.readInbound();
        assertThat(request.decoderResult().isSuccess()).isTrue();
        assertThat((Object) server.readInbound()).as("exactly one request").isNull();
        server.finishAndReleaseAll();
        return request;
    }

    private static PublishPlan plan(Api api, String path, String token) {
        return new PublishPlan("127.0.0.1", 8080, api, path, TOPICS, 16, 1, token, 0);
    }
}
