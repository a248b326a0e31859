package dev.herald.bench.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StatusLineTest {

    private static ByteBuf bytes(String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.ISO_8859_1);
    }

    @Test
    void readsTheCodeOfAWholeStatusLine() {
        StatusLine status = new StatusLine();

        assertThat(status.feed(bytes("HTTP/1.1 503 Service Unavailable\r\nretry-after: 5\r\n\r\n"))).isTrue();
        assertThat(status.status()).isEqualTo(503);
    }

    @Test
    void readsACodeSplitAcrossReads() {
        StatusLine status = new StatusLine();

        assertThat(status.feed(bytes("HTTP/1.1 2"))).as("the code is not whole yet").isFalse();
        assertThat(status.status()).isEqualTo(-1);
        assertThat(status.feed(bytes("00 OK\r\n"))).isTrue();
        assertThat(status.status()).isEqualTo(200);
    }

    @Test
    void callsAnythingElseNotHttp() {
        StatusLine status = new StatusLine();

        status.feed(bytes("SSH-2.0-OpenSSH_9.2\r\n"));

        assertThat(status.status()).as("0 stands for a response that is not HTTP/1.x").isZero();
    }
}
