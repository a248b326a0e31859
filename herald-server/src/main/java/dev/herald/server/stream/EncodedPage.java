package dev.herald.server.stream;

import dev.herald.core.Position;
import dev.herald.core.StoredUpdate;
import dev.herald.core.Update;
import dev.herald.core.sse.SseEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Predicate;

/**
 * One page of history as wire bytes for one stream: every event of the page the stream may see, in one
 * direct buffer framed as one HTTP/1.1 chunk. A replay then costs one write, one outbound entry and one
 * flush per page instead of one buffer, one entry and one iovec per event (about 1,000 per 200,000
 * events instead of 200,000). Unlike {@link EncodedUpdate} it is not shared: what a page holds depends
 * on the stream's subscription, and it is written once, which hands the buffer to the channel.
 */
final class EncodedPage {

    /**
     * Room left before the events for the chunk header, written once their length is known: up to 8
     * hex digits (a page is far below 4 GiB) and CRLF. The header is right-aligned against the events,
     * so the chunk size has no leading zeros.
     */
    private static final int HEADER_ROOM = 10;
    /** SSE's field names, line ends and the blank line of one event, besides its id and data. */
    private static final int EVENT_OVERHEAD = 16;

    private final ByteBuf buffer;
    private final int payloadLength;
    private final int events;
    private final Position lastPosition;

    private EncodedPage(ByteBuf buffer, int payloadLength, int events, Position lastPosition) {
        this.buffer = buffer;
        this.payloadLength = payloadLength;
        this.events = events;
        this.lastPosition = lastPosition;
    }

    /**
     * The events of the updates {@code wanted} accepts, in order, or null when it accepts none (nothing
     * to write, nothing allocated).
     */
    static EncodedPage encode(List<StoredUpdate> updates, Predicate<Update> wanted, ByteBufAllocator allocator) {
        ByteBuf buffer = null;
        Writer writer = null;
        int events = 0;
        Position last = null;
        try {
            for (StoredUpdate stored : updates) {
                Update update = stored.update();
                if (!wanted.test(update)) {
                    continue;
                }
                if (buffer == null) {
                    buffer = allocator.directBuffer(HEADER_ROOM + estimate(updates) + 2);
                    buffer.writerIndex(HEADER_ROOM);
                    writer = new Writer(buffer);
                }
                SseEncoder.encodeTo(update, writer);
                events++;
                last = stored.position();
            }
            if (buffer == null) {
                return null;
            }
            int payloadLength = buffer.writerIndex() - HEADER_ROOM;
            byte[] header = (Integer.toHexString(payloadLength) + "\r\n").getBytes(StandardCharsets.US_ASCII);
            int headerStart = HEADER_ROOM - header.length;
            buffer.setBytes(headerStart, header).readerIndex(headerStart);
            buffer.writeByte('\r').writeByte('\n');
            return new EncodedPage(buffer, payloadLength, events, last);
        } catch (RuntimeException e) {
            if (buffer != null) {
                buffer.release();
            }
            throw e;
        }
    }

    /** Writes an event's lines straight into the page's buffer: no String or byte array per event. */
    private static final class Writer implements SseEncoder.Sink {

        private static final byte[][] PREFIXES = prefixes();

        private final ByteBuf buffer;

        Writer(ByteBuf buffer) {
            this.buffer = buffer;
        }

        private static byte[][] prefixes() {
            SseEncoder.Field[] fields = SseEncoder.Field.values();
            byte[][] prefixes = new byte[fields.length][];
            for (SseEncoder.Field field : fields) {
                prefixes[field.ordinal()] = field.prefix().getBytes(StandardCharsets.US_ASCII);
            }
            return prefixes;
        }

        @Override
        public void line(SseEncoder.Field field, String text, int from, int to) {
            buffer.writeBytes(PREFIXES[field.ordinal()]);
            if (from == 0 && to == text.length()) {
                // The common case (an id, data on one line): the JDK's encoder copies an ASCII string
                // in bulk, several times faster than Netty's char-by-char loop below.
                buffer.writeBytes(text.getBytes(StandardCharsets.UTF_8));
            } else {
                ByteBufUtil.reserveAndWriteUtf8(buffer, text, from, to, ByteBufUtil.utf8MaxBytes(to - from));
            }
            buffer.writeByte('\n');
        }

        @Override
        public void end() {
            buffer.writeByte('\n');
        }
    }

    /** Enough for a page of ASCII events, so the buffer rarely grows while it is filled. */
    private static int estimate(List<StoredUpdate> updates) {
        long bytes = 0;
        for (StoredUpdate stored : updates) {
            Update update = stored.update();
            bytes += update.id().length() + update.data().length() + EVENT_OVERHEAD;
        }
        return (int) Math.min(bytes, Integer.MAX_VALUE - HEADER_ROOM - 2);
    }

    /** The page as one HTTP/1.1 chunk; the caller takes the buffer over (writing it hands it on). */
    ByteBuf chunk() {
        return buffer;
    }

    /** The events without chunk framing (HTTP/2 DATA); the caller takes the buffer over through it. */
    ByteBuf payload() {
        return buffer.slice(HEADER_ROOM, payloadLength);
    }

    /** How many events the page carries. */
    int events() {
        return events;
    }

    /** The position of its last event: what the stream has served once it is written. */
    Position lastPosition() {
        return lastPosition;
    }

    /** References left on the buffer (0 once written out or released). */
    int refCnt() {
        return buffer.refCnt();
    }

    /** Gives the buffer back without writing it. */
    void release() {
        buffer.release();
    }
}
