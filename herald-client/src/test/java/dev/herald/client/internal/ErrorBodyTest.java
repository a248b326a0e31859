package dev.herald.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ErrorBodyTest {

    private final ErrorBody body = new ErrorBody();

    @Test
    void aShortMessageIsKeptWholeAndTrimmed() {
        assertThat(body.add(List.of(bytes("{\"error\":\"invalid token\"}\n")))).as("not full").isFalse();

        assertThat(body.text()).isEqualTo("{\"error\":\"invalid token\"}");
    }

    @Test
    void aLongBodyIsCutAtTheLimitAndReportedFull() {
        assertThat(body.add(List.of(bytes("x".repeat(600)), bytes("y".repeat(600))))).isTrue();

        assertThat(body.text()).hasSize(ErrorBody.MAX_BYTES).startsWith("xxx").endsWith("yyy");
    }

    private static ByteBuffer bytes(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }
}
