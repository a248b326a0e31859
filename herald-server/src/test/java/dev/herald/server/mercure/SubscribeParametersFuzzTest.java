package dev.herald.server.mercure;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.herald.core.TopicText;
import dev.herald.server.http.HttpException;
import dev.herald.server.http.Utf8HeaderValue;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.List;
import java.util.Map;

/**
 * A subscription's query string, form body and {@code Last-Event-ID} come from any client: the answer is
 * parameters within the bounds or a 400, never another failure; accepted matchers are safe to log and
 * the cursor is the one the rules pick. Fuzzed by Jazzer (see docs/reliability.md).
 */
class SubscribeParametersFuzzTest {

    private static final int MAX_MATCHERS = 8;

    @FuzzTest(maxDuration = "5s")
    void anyQueryBodyAndHeaderGiveBoundedParametersOrA400(FuzzedDataProvider input) {
        String header = input.consumeBoolean() ? input.consumeString(64) : null;
        String body = input.consumeString(512);
        String query = input.consumeRemainingAsString();
        HttpRequest request = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/.well-known/mercure");
        if (header != null) {
            try {
                request.headers().set(SubscribeParameters.LAST_EVENT_ID_HEADER, header);
            } catch (IllegalArgumentException notAHeaderValue) {
                return; // Netty's HTTP decoder never hands such a value to the endpoint
            }
        }
        Map<String, List<String>> queryParameters;
        Map<String, List<String>> bodyParameters;
        try {
            queryParameters = QueryStringDecoder.builder().semicolonIsNormalChar(true).hasPath(false).build(query).parameters();
            bodyParameters = FormFields.decode(body);
        } catch (IllegalArgumentException | HttpException malformed) {
            return; // the router answers a malformed query 400 before the endpoint; FormFields's 400 is tested elsewhere
        }

        SubscribeParameters parameters;
        try {
            parameters = SubscribeParameters.parse(request, queryParameters, bodyParameters, MAX_MATCHERS);
        } catch (HttpException refused) {
            assertThat(refused.status()).isEqualTo(HttpResponseStatus.BAD_REQUEST);
            assertThat(TopicText.problem(refused.getMessage())).as("the reason is safe to log").isEmpty();
            return;
        }
        assertThat(parameters.matchers()).isNotEmpty().hasSizeLessThanOrEqualTo(MAX_MATCHERS);
        parameters.matchers().forEach(matcher ->
                assertThat(TopicText.problem(matcher.text())).as("an accepted matcher is safe to log").isEmpty());
        if (header != null) {
            assertThat(parameters.cursorGiven()).isTrue();
            assertThat(parameters.resumeAfter().map(id -> id.value()).orElse(""))
                    .as("the header wins, its bytes read as UTF-8 when they are UTF-8")
                    .isEqualTo(Utf8HeaderValue.read(request.headers().get(SubscribeParameters.LAST_EVENT_ID_HEADER)));
        }
        parameters.resumeAfter().ifPresent(id -> assertThat(id.value()).isNotEmpty());
    }
}
