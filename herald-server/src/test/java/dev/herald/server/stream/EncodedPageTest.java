package dev.herald.server.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.core.Position;
import dev.herald.core.StoredUpdate;
import dev.herald.core.Update;
import dev.herald.core.sse.SseEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A page of history in one buffer: the same bytes as its events encoded one by one, framed once. */
class EncodedPageTest {

    private static final String TOPIC = "https://example.com/books/1";
    private static final UnpooledByteBufAllocator ALLOCATOR = new UnpooledByteBufAllocator(false);

    private final StoredUpdate plain = stored(1, Update.of(TOPIC, "plain").withId("id-1"));
    private final StoredUpdate everyField = stored(2,
            new Update("id-2", List.of(TOPIC), "first\r\nsecond\rthird\nfourth", false, "note", 5_000L));
    private final StoredUpdate unicode = stored(3, Update.of(TOPIC, "héllo ✓ 😀").withId("id-3"));

    @Test
    void aPageIsOneChunkOfExactlyTheBytesOfItsEventsEncodedOneByOne() {
        List<StoredUpdate> updates = List.of(plain, everyField, unicode);
        byte[] events = concat(updates);

        EncodedPage page = EncodedPage.encode(updates, update -> true, ALLOCATOR);
        ByteBuf chunk = page.chunk();

        assertThat(ByteBufUtil.getBytes(chunk)).as("hex size, CRLF, the events, CRLF").isEqualTo(concat(
                (Integer.toHexString(events.length) + "\r\n").getBytes(StandardCharsets.US_ASCII), events,
                "\r\n".getBytes(StandardCharsets.US_ASCII)));
        chunk.release();
    }

    @Test
    void itsPayloadIsTheEventsWithoutFramingForHttp2() {
        List<StoredUpdate> updates = List.of(plain, unicode);

        ByteBuf payload = EncodedPage.encode(updates, update -> true, ALLOCATOR).payload();

        assertThat(ByteBufUtil.getBytes(payload)).isEqualTo(concat(updates));
        payload.release();
    }

    @Test
    void onlyTheUpdatesTheStreamWantsAreWrittenAndTheLastOfThemIsWhereItEnds() {
        EncodedPage page = EncodedPage.encode(List.of(plain, everyField, unicode),
                update -> !update.id().equals("id-3"), ALLOCATOR);

        assertThat(page.events()).isEqualTo(2);
        assertThat(page.lastPosition()).as("the last update written, not the last of the page")
                .isEqualTo(new Position(2));
        page.release();
    }

    @Test
    void aPageWithNothingWantedAllocatesNothing() {
        assertThat(EncodedPage.encode(List.of(plain, everyField), update -> false, ALLOCATOR)).isNull();
    }

    // --- Fixtures ----------------------------------------------------------------------------------

    private static StoredUpdate stored(long position, Update update) {
        return new StoredUpdate(new Position(position), update);
    }

    private static byte[] concat(List<StoredUpdate> updates) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (StoredUpdate update : updates) {
            out.writeBytes(SseEncoder.encode(update));
        }
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
