package dev.herald.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.bench.internal.Payload;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The publish body the tool sends is the form encoding a browser or curl would send. */
class ApiTest {

    @Test
    void stampIsFormEncodedAsUrlEncoderDoes() {
        String stamp = Payload.format(3, 41, 1_764_000_000_123_456L, 100, false);

        assertThat(Api.encodeStamp(stamp)).isEqualTo(URLEncoder.encode(stamp, StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "plain", "a b", "x&y=z", "é", "hb:1:2:3: - 12:00:00", "100%"})
    void anyOtherDataIsFormEncodedAsUrlEncoderDoes(String data) {
        assertThat(Api.encodeStamp(data)).isEqualTo(URLEncoder.encode(data, StandardCharsets.UTF_8));
    }

    @Test
    void mercureBodyNamesTheTopicAndTheData() {
        byte[] body = Api.MERCURE.publishBody(Api.encode("https://herald.local/bench/0"), "hb:0:1:2:");

        assertThat(new String(body, StandardCharsets.US_ASCII))
                .isEqualTo("topic=https%3A%2F%2Fherald.local%2Fbench%2F0&data=hb%3A0%3A1%3A2%3A");
    }
}
