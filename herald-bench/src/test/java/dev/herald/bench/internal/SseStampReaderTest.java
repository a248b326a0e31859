package dev.herald.bench.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The reader is fed literal stream bytes, split as TCP might split them. */
class SseStampReaderTest {

    /** One received event: the stamp's fields, or null for an unstamped one. */
    private record Received(int topic, long seq, long micros) {
    }

    private final List<Received> events = new ArrayList<>();
    private final SseStampReader reader = new SseStampReader(stamp -> events.add(
            stamp == null ? null : new Received(stamp.topic(), stamp.seq(), stamp.sendMicros())));

    @Test
    void reportsTheStampOfAnEventAtItsBlankLine() {
        feed("id: urn:uuid:1\ndata: hb:0:7:1700000000000000:xxxx\n");
        assertThat(events).as("nothing is reported before the blank line").isEmpty();

        feed("\n");

        assertThat(events).containsExactly(new Received(0, 7, 1_700_000_000_000_000L));
    }

    @Test
    void findsTheStampWhenTheServerAppendsToTheMessage() {
        feed("data: hb:2:41:1700000000000001:xx - 14:27:46\n\n");

        assertThat(events).containsExactly(new Received(2, 41, 1_700_000_000_000_001L));
    }

    @Test
    void linesAndEventsMaySpanReadsAtAnyByte() {
        String stream = "id: a\ndata: hb:1:2:3:x\n\ndata: hb:1:3:4:x\n\n";
        for (int split = 1; split < stream.length(); split++) {
            events.clear();
            feed(stream.substring(0, split));
            feed(stream.substring(split));

            assertThat(events).as("split at byte %d", split)
                    .containsExactly(new Received(1, 2, 3), new Received(1, 3, 4));
        }
    }

    @Test
    void crAndCrLfEndLinesLikeLf() {
        feed("data: hb:0:1:5:x\r\rdata: hb:0:2:6:x\r\n\r\n");

        assertThat(events).containsExactly(new Received(0, 1, 5), new Received(0, 2, 6));
    }

    @Test
    void commentsAndHeartbeatsAreNoEvents() {
        feed(":\n\n: keep-alive\n\n");

        assertThat(events).isEmpty();
    }

    @Test
    void anEventWithoutAStampIsReportedUnstamped() {
        feed("data: hello - 14:27:46\n\n");

        assertThat(events).containsExactly((Received) null);
    }

    @Test
    void theFirstStampedDataLineOfAnEventCounts() {
        feed("data: hb:0:1:5:x\ndata: hb:0:9:9:x\n\n");

        assertThat(events).containsExactly(new Received(0, 1, 5));
    }

    @Test
    void aStampBeyondTheKeptHeadOfALongLineIsNotSeen() {
        String padding = "y".repeat(SseStampReader.KEPT);
        feed("data: " + padding + "hb:0:1:5:x\n\n");

        assertThat(events).as("only the head of a line is kept").containsExactly((Received) null);
    }

    @Test
    void fieldsOtherThanDataAreNotMistakenForData() {
        feed("event: hb:0:1:5:x\nid: hb:0:2:6:x\n\n");

        assertThat(events).as("an event without data is not dispatched").isEmpty();
    }

    private void feed(String text) {
        ByteBuf bytes = Unpooled.copiedBuffer(text, UTF_8);
        try {
            reader.feed(bytes);
        } finally {
            bytes.release();
        }
    }

    @Test
    void remembersTheIdOfTheLastEventForLastEventId() {
        feed("id: urn:uuid:1\ndata: hb:0:0:1:x\n\nid:urn:uuid:2\ndata: hb:0:1:1:x\n\n");

        assertThat(reader.lastEventId()).as("the id of the second event, with or without the space").isEqualTo("urn:uuid:2");
    }

    @Test
    void anIdWhoseEventIsNotCompleteIsNotYetTheLastEventId() {
        feed("id: urn:uuid:1\ndata: hb:0:0:1:x\n\nid: urn:uuid:2\ndata: hb:0:1:1:x\n");

        assertThat(reader.lastEventId()).as("the second event has no blank line yet").isEqualTo("urn:uuid:1");
    }

    @Test
    void hasNoLastEventIdBeforeAnEventWithAnId() {
        feed("data: hb:0:0:1:x\n\n: heartbeat\n\n");

        assertThat(reader.lastEventId()).isNull();
    }
}
