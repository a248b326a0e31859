package dev.herald.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Streams of one HTTP/2 connection (here: channels sharing one budget) and their request bodies. */
class Http2BodyBudgetTest {

    private final Http2BodyBudget.Budget budget = new Http2BodyBudget.Budget(100);
    private final ClientErrorLog log = new ClientErrorLog(10, Duration.ofSeconds(1), System::nanoTime, line -> { });

    private EmbeddedChannel stream() {
        EmbeddedChannel stream = new EmbeddedChannel(new Http2BodyBudget(budget, log));
        stream.writeInbound(new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/send"));
        return stream;
    }

    private static DefaultHttpContent bytes(int count) {
        return new DefaultHttpContent(Unpooled.wrappedBuffer(new byte[count]));
    }

    @Test
    void aStreamThatWouldExceedTheConnectionsBudgetIsAnswered503AndReset() {
        EmbeddedChannel first = stream();
        EmbeddedChannel second = stream();
        first.writeInbound(bytes(60));

        second.writeInbound(bytes(60));

        FullHttpResponse answer = second.readOutbound();
        assertThat(answer.status().code()).as("the stream beyond the budget is refused").isEqualTo(503);
        assertThat(answer.headers().get("Retry-After")).as("and told when to retry").isEqualTo("1");
        assertThat(second.isOpen()).as("the refused stream is reset").isFalse();
        answer.release();
    }

    @Test
    void aCompletedBodyGivesItsBytesBack() {
        EmbeddedChannel first = stream();
        first.writeInbound(bytes(60), new DefaultLastHttpContent());
        EmbeddedChannel second = stream();

        second.writeInbound(bytes(60));

        assertThat((Object) second.readOutbound()).as("the budget came back when the first body was handled").isNull();
        assertThat(second.isOpen()).isTrue();
    }

    @Test
    void aClosedStreamGivesItsBytesBack() {
        EmbeddedChannel first = stream();
        first.writeInbound(bytes(60));
        first.close();
        EmbeddedChannel second = stream();

        second.writeInbound(bytes(60));

        assertThat((Object) second.readOutbound()).as("the budget came back when the first stream closed").isNull();
    }
}
