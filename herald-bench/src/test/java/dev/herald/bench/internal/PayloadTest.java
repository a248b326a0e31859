package dev.herald.bench.internal;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PayloadTest {

    @Test
    void isPaddedToThePayloadSize() {
        String data = Payload.format(3, 12, 1_700_000_000_123_456L, 100, false);

        assertThat(data).hasSize(100).startsWith("hb:3:12:1700000000123456:").endsWith("xxx");
    }

    @Test
    void isNeverShorterThanItsStamp() {
        assertThat(Payload.format(0, 0, 1, 0, false)).isEqualTo("hb:0:0:1:");
    }

    @Test
    void parsesWhatItFormats() {
        byte[] bytes = Payload.format(5, 99, 1_700_000_000_000_042L, 64, false).getBytes(US_ASCII);
        Payload.Stamp stamp = new Payload.Stamp();

        assertThat(Payload.parse(bytes, 0, bytes.length, stamp)).isTrue();
        assertThat(stamp.topic()).isEqualTo(5);
        assertThat(stamp.seq()).isEqualTo(99);
        assertThat(stamp.sendMicros()).isEqualTo(1_700_000_000_000_042L);
        assertThat(stamp.warmup()).isFalse();
    }

    @Test
    void marksWarmUpPublishes() {
        byte[] bytes = Payload.format(0, 3, 7, 0, true).getBytes(US_ASCII);
        Payload.Stamp stamp = new Payload.Stamp();

        assertThat(new String(bytes, US_ASCII)).isEqualTo("hw:0:3:7:");
        assertThat(Payload.parse(bytes, 0, bytes.length, stamp)).isTrue();
        assertThat(stamp.warmup()).isTrue();
        assertThat(stamp.seq()).isEqualTo(3);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "hello", "hb:", "hb:1:2:3", "hb:1::3:", "hb:a:2:3:", "hb:1:2:9999999999999999999:"})
    void rejectsTextWithoutACompleteStamp(String text) {
        byte[] bytes = text.getBytes(US_ASCII);

        assertThat(Payload.parse(bytes, 0, bytes.length, new Payload.Stamp())).as("'%s'", text).isFalse();
    }
}
