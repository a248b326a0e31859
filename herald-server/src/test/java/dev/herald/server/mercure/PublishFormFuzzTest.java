package dev.herald.server.mercure;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.herald.core.Update;
import dev.herald.core.urlpattern.HubNamespace;
import dev.herald.server.http.HttpException;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * The publish form comes from any publisher: any body is an update or a 400 naming the rule, never
 * another failure; a form that is accepted round-trips, field for field. Fuzzed by Jazzer (see
 * docs/reliability.md).
 */
class PublishFormFuzzTest {

    private static final int MAX_TOPICS = 8;
    private static final HubNamespace RESERVED = new HubNamespace("http://mercure.invalid/.well-known/mercure");

    @FuzzTest(maxDuration = "5s")
    void anyBodyIsAnUpdateOrARefusalNamingTheRule(FuzzedDataProvider input) {
        String body = input.consumeRemainingAsString();
        try {
            Update update = PublishForm.parse(body, MAX_TOPICS, RESERVED);
            assertThat(update.topics()).isNotEmpty().hasSizeLessThanOrEqualTo(MAX_TOPICS);
        } catch (HttpException refused) {
            if (refused.status().equals(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE)) {
                assertThat(refused.getMessage()).isEqualTo("too many topics: at most " + MAX_TOPICS);
            } else {
                assertThat(refused.status()).isEqualTo(HttpResponseStatus.BAD_REQUEST);
            }
        }
    }

    @FuzzTest(maxDuration = "5s")
    void anAcceptedFormRoundTripsFieldForField(FuzzedDataProvider input) {
        List<String> topics = new ArrayList<>();
        int count = input.consumeInt(1, 3);
        for (int i = 0; i < count; i++) {
            topics.add(input.consumeString(40));
        }
        String id = input.consumeBoolean() ? input.consumeString(40) : null;
        String type = input.consumeBoolean() ? input.consumeString(20) : null;
        boolean privateUpdate = input.consumeBoolean();
        String data = input.consumeRemainingAsString();
        StringJoiner form = new StringJoiner("&");
        topics.forEach(topic -> form.add("topic=" + encode(topic)));
        form.add("data=" + encode(data));
        if (id != null) {
            form.add("id=" + encode(id));
        }
        if (type != null) {
            form.add("type=" + encode(type));
        }
        if (privateUpdate) {
            form.add("private=on");
        }

        Update update;
        try {
            update = PublishForm.parse(form.toString(), MAX_TOPICS, RESERVED);
        } catch (HttpException refused) {
            assertThat(refused.status()).isEqualTo(HttpResponseStatus.BAD_REQUEST);
            return;
        }
        assertThat(update.topics()).isEqualTo(topics.stream().map(PublishFormFuzzTest::viaUtf8).toList());
        assertThat(update.data()).isEqualTo(viaUtf8(data));
        assertThat(update.id()).isEqualTo(id == null ? null : viaUtf8(id));
        assertThat(update.type()).isEqualTo(type == null ? null : viaUtf8(type));
        assertThat(update.privateUpdate()).isEqualTo(privateUpdate);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** What survives UTF-8: the form is bytes, so an unpaired surrogate arrives as U+FFFD. */
    private static String viaUtf8(String text) {
        return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    }
}
