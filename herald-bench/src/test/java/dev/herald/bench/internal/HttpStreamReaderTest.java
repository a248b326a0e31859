package dev.herald.bench.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Literal HTTP/1.1 responses, split as TCP might split them. */
class HttpStreamReaderTest {

    private static final String HEAD = "HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\n"
            + "Transfer-Encoding: chunked\r\n\r\n";

    private final List<String> seen = new ArrayList<>();
    private final HttpStreamReader reader = freshReader();

    @Test
    void readsEventsFromChunks() {
        feed(HEAD + chunk(":\n\n") + chunk("id: a\ndata: hb:0:0:1:x\n\n") + chunk("data: hb:0:1:2:x\n\n"));

        assertThat(seen).containsExactly("head 200", "seq 0", "seq 1");
    }

    @Test
    void anEventMaySpanChunksAndChunksMaySpanReads() {
        String stream = HEAD + chunk("data: hb:0:5") + chunk(":9:x\n") + chunk("\n");
        for (int split = 1; split < stream.length(); split++) {
            seen.clear();
            HttpStreamReader fresh = freshReader();
            feed(fresh, stream.substring(0, split));
            feed(fresh, stream.substring(split));

            assertThat(seen).as("split at byte %d", split).containsExactly("head 200", "seq 5");
        }
    }

    @Test
    void chunkExtensionsAreIgnored() {
        feed(HEAD + "11;name=value\r\ndata: hb:0:4:1:x\n\r\n" + chunk("\n"));

        assertThat(seen).containsExactly("head 200", "seq 4");
    }

    @Test
    void theLastChunkEndsTheStream() {
        feed(HEAD + chunk("data: hb:0:0:1:x\n\n") + "0\r\n\r\n");

        assertThat(seen).containsExactly("head 200", "seq 0", "end");
    }

    @Test
    void aBodyWithoutChunkingIsReadUntilTheConnectionCloses() {
        feed("HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\n\r\ndata: hb:0:0:1:x\n\ndata: hb:0:1:1:x\n\n");

        assertThat(seen).containsExactly("head 200", "seq 0", "seq 1");
    }

    @Test
    void reportsTheStatusOfARefusal() {
        feed("HTTP/1.1 401 Unauthorized\r\ncontent-length: 0\r\n\r\n");

        assertThat(seen).containsExactly("head 401");
    }

    @Test
    void somethingElseThanHttpIsMalformed() {
        feed("SSH-2.0-OpenSSH_9.2\r\n\r\n");

        assertThat(seen).containsExactly("malformed");
    }

    @Test
    void aHeadThatNeverEndsIsMalformedAtTheLimit() {
        feed("HTTP/1.1 200 OK\r\n" + "x-filler: y\r\n".repeat(HttpStreamReader.MAX_HEAD / 10));

        assertThat(seen).containsExactly("malformed");
    }

    @Test
    void readsTheRetryAfterSecondsOfARefusal() {
        feed("HTTP/1.1 503 Service Unavailable\r\nRetry-After: 3\r\ncontent-length: 0\r\n\r\n");

        assertThat(seen).containsExactly("head 503");
        assertThat(reader.retryAfterSeconds()).isEqualTo(3);
    }

    @Test
    void hasNoRetryAfterWithoutTheHeaderOrWithADate() {
        HttpStreamReader dated = freshReader();
        feed(dated, "HTTP/1.1 503 Service Unavailable\r\nRetry-After: Fri, 31 Dec 1999 23:59:59 GMT\r\n\r\n");
        feed("HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n");

        assertThat(dated.retryAfterSeconds()).as("an HTTP date is not understood").isEqualTo(-1);
        assertThat(reader.retryAfterSeconds()).as("no header").isEqualTo(-1);
    }

    @Test
    void keepsWhereAResumedStreamResumedFrom() {
        HttpStreamReader plain = freshReader();
        feed(plain, HEAD);
        feed("HTTP/1.1 200 OK\r\nLast-Event-ID: earliest\r\nTransfer-Encoding: chunked\r\n\r\n");

        assertThat(reader.lastEventIdHeader()).isEqualTo("earliest");
        assertThat(plain.lastEventIdHeader()).as("no header").isNull();
    }

    private static String chunk(String data) {
        return Integer.toHexString(data.getBytes(UTF_8).length) + "\r\n" + data + "\r\n";
    }

    private HttpStreamReader freshReader() {
        return new HttpStreamReader(new HttpStreamReader.Listener() {
            @Override
            public void onHead(int status) {
                seen.add("head " + status);
            }

            @Override
            public void onEnd() {
                seen.add("end");
            }

            @Override
            public void onMalformed(String why) {
                seen.add("malformed");
            }
        }, new SseStampReader(stamp -> seen.add(stamp == null ? "unstamped" : "seq " + stamp.seq())));
    }

    private void feed(String text) {
        feed(reader, text);
    }

    private static void feed(HttpStreamReader target, String text) {
        ByteBuf bytes = Unpooled.copiedBuffer(text, UTF_8);
        try {
            target.feed(bytes);
        } finally {
            bytes.release();
        }
    }
}
