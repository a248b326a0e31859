package dev.herald.server.stream;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.Http2StreamChannel;

/**
 * How SSE bytes travel on one connection once the response head is sent: HTTP/1.1 chunks on the
 * connection itself, or HTTP/2 DATA frames on a stream channel. Both write views of the same shared
 * buffers, so an update is encoded once whatever protocol its subscribers speak.
 */
sealed interface Wire permits Wire.Http1, Wire.Http2 {

    /** The wire of a channel that carries an SSE response. */
    static Wire of(Channel channel) {
        return channel instanceof Http2StreamChannel ? Http2.INSTANCE : Http1.INSTANCE;
    }

    /** Writes (does not flush) an encoded update. */
    void write(Channel channel, EncodedUpdate update);

    /** Writes (does not flush) a shared frame. */
    void write(Channel channel, SharedFrame frame);

    /** Writes (does not flush) a page of history, handing its buffer to the channel. */
    void write(Channel channel, EncodedPage page);

    /** Completes the response, so the client sees a clean end and reconnects, then closes. */
    void end(Channel channel);

    /** Bytes written but not yet taken by the network, as far as this channel can tell. */
    long pendingBytes(Channel channel);

    /** Chunked transfer: the HTTP/1.1 connection carries nothing but this response. */
    enum Http1 implements Wire {
        INSTANCE;

        private static final SharedFrame LAST_CHUNK = lastChunk();

        private static SharedFrame lastChunk() {
            ByteBuf bytes = io.netty.buffer.Unpooled.unreleasableBuffer(io.netty.buffer.Unpooled.copiedBuffer(
                    "0\r\n\r\n", java.nio.charset.StandardCharsets.US_ASCII)).asReadOnly();
            return new SharedFrame(bytes, bytes);
        }

        @Override
        public void write(Channel channel, EncodedUpdate update) {
            channel.write(update.retainedFrame(), channel.voidPromise());
        }

        @Override
        public void write(Channel channel, SharedFrame frame) {
            channel.write(frame.chunk().retainedDuplicate(), channel.voidPromise());
        }

        @Override
        public void write(Channel channel, EncodedPage page) {
            channel.write(page.chunk(), channel.voidPromise());
        }

        @Override
        public void end(Channel channel) {
            channel.writeAndFlush(LAST_CHUNK.chunk().retainedDuplicate()).addListener(ChannelFutureListener.CLOSE);
        }

        @Override
        public long pendingBytes(Channel channel) {
            ChannelOutboundBuffer pending = channel.unsafe().outboundBuffer();
            return pending == null ? 0 : pending.totalPendingWriteBytes();
        }
    }

    /** DATA frames on one HTTP/2 stream; the connection stays shared with the client's other streams. */
    enum Http2 implements Wire {
        INSTANCE;

        @Override
        public void write(Channel channel, EncodedUpdate update) {
            channel.write(new DefaultHttp2DataFrame(update.retainedPayload()), channel.voidPromise());
        }

        @Override
        public void write(Channel channel, SharedFrame frame) {
            channel.write(new DefaultHttp2DataFrame(frame.payload().retainedDuplicate()), channel.voidPromise());
        }

        @Override
        public void write(Channel channel, EncodedPage page) {
            channel.write(new DefaultHttp2DataFrame(page.payload()), channel.voidPromise());
        }

        @Override
        public void end(Channel channel) {
            channel.writeAndFlush(new DefaultHttp2DataFrame(true)).addListener(ChannelFutureListener.CLOSE);
        }

        /**
         * A stream channel keeps no outbound buffer of its own: its writes wait in the connection's flow
         * controller. Unwritable means the client's window or the connection is full; what waits beyond
         * the low-water mark is what it reports as to drain.
         */
        @Override
        public long pendingBytes(Channel channel) {
            if (channel.isWritable()) {
                return 0;
            }
            return channel.bytesBeforeWritable() + channel.config().getWriteBufferLowWaterMark();
        }
    }
}
