package dev.herald.server.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.herald.server.http.HttpException;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;

/**
 * The demo's {@code /send} body comes from any page: any bytes give the message or a 400 naming what is
 * wrong, never another failure. Fuzzed by Jazzer (see docs/reliability.md).
 */
class DemoMessageFuzzTest {

    @FuzzTest(maxDuration = "5s")
    void anyBodyGivesTheMessageOrA400(FuzzedDataProvider input) {
        byte[] body = input.consumeRemainingAsBytes();
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, DemoApi.SEND_PATH,
                Unpooled.wrappedBuffer(body));
        try {
            String message = DemoApi.message(request);
            assertThat(message).as("a message is a JSON string").isNotNull();
        } catch (HttpException refused) {
            assertThat(refused.status()).isEqualTo(HttpResponseStatus.BAD_REQUEST);
        } finally {
            request.release();
        }
    }
}
