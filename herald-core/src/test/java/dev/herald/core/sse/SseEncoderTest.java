package dev.herald.core.sse;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.core.Position;
import dev.herald.core.StoredUpdate;
import dev.herald.core.Update;
import java.io.ByteArrayOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One test per {@code text/event-stream} writing rule (WHATWG HTML, "Server-sent events"), each
 * checked against the exact bytes on the wire.
 */
class SseEncoderTest {

    private static final StoredUpdate STORED = new StoredUpdate(new Position(1), Update.of("t", "x").withId("id-1"));

    // --- Fields ------------------------------------------------------------------------------------

    @Test
    void writesIdThenDataThenABlankLine() {
        assertThat(encode(STORED)).isEqualTo("id: id-1\ndata: x\n\n");
    }

    @Test
    void writesEventTypeAfterId() {
        Update typed = new Update("id-1", List.of("t"), "x", false, "T", null);

        assertThat(encode(stored(typed))).isEqualTo("id: id-1\nevent: T\ndata: x\n\n");
    }

    @Test
    void writesRetryAfterEventTypeAndBeforeData() {
        Update withRetry = new Update("id-1", List.of("t"), "x", false, "T", 5000L);

        assertThat(encode(stored(withRetry))).isEqualTo("id: id-1\nevent: T\nretry: 5000\ndata: x\n\n");
    }

    @Test
    void writesRetryWithoutEventType() {
        Update withRetry = new Update("id-1", List.of("t"), "x", false, null, 0L);

        assertThat(encode(stored(withRetry))).isEqualTo("id: id-1\nretry: 0\ndata: x\n\n");
    }

    @Test
    void leavesTopicsAndPrivacyOffTheWire() {
        Update privateUpdate = new Update("id-1", List.of("t", "alt"), "x", true, null, null);

        assertThat(encode(stored(privateUpdate))).isEqualTo("id: id-1\ndata: x\n\n");
    }

    // --- Data line breaks: CR, LF and CRLF all end a line, so each becomes a new data: line ----------

    @Test
    void splitsDataOnLf() {
        assertThat(encodeData("a\nb")).isEqualTo("id: id-1\ndata: a\ndata: b\n\n");
    }

    @Test
    void splitsDataOnCrLfAsOneLineBreak() {
        assertThat(encodeData("a\r\nb")).isEqualTo("id: id-1\ndata: a\ndata: b\n\n");
    }

    @Test
    void splitsDataOnLoneCr() {
        assertThat(encodeData("a\rb")).isEqualTo("id: id-1\ndata: a\ndata: b\n\n");
    }

    @Test
    void splitsDataOnMixedLineBreaks() {
        assertThat(encodeData("a\rb\nc\r\nd")).isEqualTo("id: id-1\ndata: a\ndata: b\ndata: c\ndata: d\n\n");
    }

    @Test
    void crFollowedByCrLfIsTwoLineBreaks() {
        assertThat(encodeData("a\r\r\nb")).isEqualTo("id: id-1\ndata: a\ndata: \ndata: b\n\n");
    }

    @Test
    void lfFollowedByCrIsTwoLineBreaks() {
        assertThat(encodeData("a\n\rb")).isEqualTo("id: id-1\ndata: a\ndata: \ndata: b\n\n");
    }

    @Test
    void trailingLfBecomesAnEmptyLastDataLine() {
        assertThat(encodeData("a\n")).isEqualTo("id: id-1\ndata: a\ndata: \n\n");
    }

    @Test
    void trailingCrLfBecomesAnEmptyLastDataLine() {
        assertThat(encodeData("a\r\n")).isEqualTo("id: id-1\ndata: a\ndata: \n\n");
    }

    @Test
    void everyMixOfLineBreaksSplitsAsTheStandardSays() {
        java.util.Random random = new java.util.Random(7);
        for (int round = 0; round < 2_000; round++) {
            StringBuilder data = new StringBuilder();
            for (int i = random.nextInt(12); i > 0; i--) {
                data.append("ab\r\n".charAt(random.nextInt(4)));
            }
            StringBuilder expected = new StringBuilder("id: id-1\n");
            for (String line : data.toString().split("\r\n|\r|\n", -1)) {
                expected.append("data: ").append(line).append('\n');
            }

            assertThat(encodeData(data.toString())).as("data %s", data.toString().replace("\r", "CR").replace("\n", "LF"))
                    .isEqualTo(expected.append('\n').toString());
        }
    }

    @Test
    void blankLineInDataCannotEndTheEventEarly() {
        assertThat(encodeData("a\n\nid: forged")).isEqualTo("id: id-1\ndata: a\ndata: \ndata: id: forged\n\n");
    }

    @Test
    void emptyDataIsOneEmptyDataLine() {
        assertThat(encodeData("")).isEqualTo("id: id-1\ndata: \n\n");
    }

    @Test
    void leadingSpaceInDataIsKeptAfterTheSeparatingSpace() {
        assertThat(encodeData(" a")).isEqualTo("id: id-1\ndata:  a\n\n");
    }

    @Test
    void encodesNonAsciiDataAsUtf8() {
        byte[] encoded = SseEncoder.encode(stored(Update.of("t", "é€😀").withId("id-1")));

        assertThat(encoded).isEqualTo(concat(
                "id: id-1\ndata: ".getBytes(UTF_8),
                new byte[] {
                    (byte) 0xC3, (byte) 0xA9, // é
                    (byte) 0xE2, (byte) 0x82, (byte) 0xAC, // €
                    (byte) 0xF0, (byte) 0x9F, (byte) 0x98, (byte) 0x80, // 😀
                },
                "\n\n".getBytes(UTF_8)));
    }

    // --- Comments and heartbeat --------------------------------------------------------------------

    @Test
    void commentIsAColonLineThenABlankLine() {
        assertThat(new String(SseEncoder.comment("hello"), UTF_8)).isEqualTo(":hello\n\n");
    }

    @Test
    void commentStartsANewCommentLineAtEveryLineBreak() {
        assertThat(new String(SseEncoder.comment("a\r\nb\rc\nd"), UTF_8)).isEqualTo(":a\n:b\n:c\n:d\n\n");
    }

    @Test
    void emptyCommentIsAnEmptyCommentLine() {
        assertThat(new String(SseEncoder.comment(""), UTF_8)).isEqualTo(":\n\n");
    }

    @Test
    void heartbeatIsAnEmptyCommentAndABlankLine() {
        assertThat(SseEncoder.heartbeat()).isEqualTo(new byte[] {':', '\n', '\n'});
    }

    // --- Fixtures ----------------------------------------------------------------------------------

    private static StoredUpdate stored(Update update) {
        return new StoredUpdate(new Position(1), update);
    }

    private static String encodeData(String data) {
        return encode(stored(Update.of("t", data).withId("id-1")));
    }

    private static String encode(StoredUpdate stored) {
        return new String(SseEncoder.encode(stored), UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
