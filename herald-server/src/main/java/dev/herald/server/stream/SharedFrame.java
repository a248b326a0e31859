package dev.herald.server.stream;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;

/**
 * Bytes every stream may receive, built once for the life of the hub in both wire forms: the SSE
 * bytes as they are (HTTP/2 DATA frames) and wrapped in HTTP/1.1 chunk framing. Never released.
 */
record SharedFrame(ByteBuf chunk, ByteBuf payload) {

    static SharedFrame of(byte[] sse, ByteBufAllocator allocator) {
        ByteBuf chunk = EncodedUpdate.chunk(sse, allocator);
        int header = chunk.readableBytes() - sse.length - 2;
        ByteBuf forever = Unpooled.unreleasableBuffer(chunk).asReadOnly();
        return new SharedFrame(forever, forever.slice(header, sse.length));
    }

    /** A frame for the life of the JVM, outside any pool. */
    static SharedFrame of(byte[] sse) {
        return of(sse, io.netty.buffer.UnpooledByteBufAllocator.DEFAULT);
    }

    static SharedFrame ascii(String sse) {
        return of(sse.getBytes(StandardCharsets.US_ASCII));
    }
}
