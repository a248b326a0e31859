package dev.herald.server.stream;

import dev.herald.core.Position;
import dev.herald.core.StoredUpdate;
import dev.herald.core.Update;
import dev.herald.core.sse.SseEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.AbstractReferenceCounted;
import io.netty.util.ReferenceCounted;
import java.nio.charset.StandardCharsets;

/**
 * An update's wire bytes, built once and shared read-only by every subscriber: the SSE event already
 * wrapped in its HTTP/1.1 chunk framing ({@code <hex length>CRLF<event>CRLF}), in one direct buffer
 * so the socket write needs no copy. Each subscriber writes a {@link #retainedFrame()}; the buffer is
 * freed when the last writer and holder released it.
 *
 * <p>A {@link #live()} update (live-only, {@link dev.herald.core.LiveBroadcast}) has no place in the
 * transport's order: its {@link #position()} is {@link Position#NONE}, which the replay/live seam must
 * never compare; subscribers take such updates on a path of their own.
 */
public final class EncodedUpdate extends AbstractReferenceCounted implements ReplaySeam.Live {

    private final StoredUpdate stored;
    private final ByteBuf chunk;
    /** The SSE bytes without the chunk framing, a view of {@link #chunk}: what HTTP/2 DATA frames carry. */
    private final ByteBuf payload;
    /** {@link System#nanoTime()} when the update was encoded, right after the transport accepted it. */
    private final long encodedAtNanos;
    private final boolean live;

    private EncodedUpdate(StoredUpdate stored, boolean live, ByteBuf chunk, int payloadOffset, int payloadLength) {
        this.stored = stored;
        this.live = live;
        this.chunk = chunk;
        this.payload = chunk.slice(payloadOffset, payloadLength);
        this.encodedAtNanos = System.nanoTime();
    }

    public static EncodedUpdate encode(StoredUpdate stored, ByteBufAllocator allocator) {
        return encode(stored, false, allocator);
    }

    /** A live-only update (it carries its id), positioned nowhere: see the class comment. */
    public static EncodedUpdate encodeLive(Update update, ByteBufAllocator allocator) {
        return encode(new StoredUpdate(Position.NONE, update), true, allocator);
    }

    private static EncodedUpdate encode(StoredUpdate stored, boolean live, ByteBufAllocator allocator) {
        byte[] sse = SseEncoder.encode(stored);
        ByteBuf chunk = chunk(sse, allocator);
        return new EncodedUpdate(stored, live, chunk, chunk.readableBytes() - sse.length - 2, sse.length);
    }

    /** One HTTP/1.1 chunk carrying the bytes, in a direct buffer. */
    public static ByteBuf chunk(byte[] payload, ByteBufAllocator allocator) {
        byte[] header = (Integer.toHexString(payload.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        ByteBuf buf = allocator.directBuffer(header.length + payload.length + 2);
        return buf.writeBytes(header).writeBytes(payload).writeByte('\r').writeByte('\n');
    }

    public long encodedAtNanos() {
        return encodedAtNanos;
    }

    /** Whether this update is live-only: never stored, never replayed, no position. */
    public boolean live() {
        return live;
    }

    public Position position() {
        return stored.position();
    }

    public Update update() {
        return stored.update();
    }

    /** A read-only view of the framed bytes with its own reference, for one channel write. */
    public ByteBuf retainedFrame() {
        return chunk.retainedDuplicate();
    }

    /** A read-only view of the unframed SSE bytes with its own reference (HTTP/2). */
    public ByteBuf retainedPayload() {
        return payload.retainedDuplicate();
    }

    public int frameBytes() {
        return chunk.readableBytes();
    }

    @Override
    public EncodedUpdate retain() {
        super.retain();
        return this;
    }

    @Override
    protected void deallocate() {
        chunk.release();
    }

    @Override
    public ReferenceCounted touch(Object hint) {
        chunk.touch(hint);
        return this;
    }
}
