package dev.herald.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

class ReadWhileWritableTest {

    /** A channel whose writability a test controls: 16 bytes written and not flushed make it unwritable. */
    private static EmbeddedChannel channel() {
        EmbeddedChannel channel = new EmbeddedChannel(new ReadWhileWritable());
        channel.config().setWriteBufferWaterMark(new WriteBufferWaterMark(8, 16));
        return channel;
    }

    private static void fillOutbound(EmbeddedChannel channel) {
        channel.write(Unpooled.wrappedBuffer(new byte[32]));
        assertThat(channel.isWritable()).as("32 unflushed bytes make the channel unwritable").isFalse();
    }

    @Test
    void requestsPassWhileTheConnectionIsWritable() {
        EmbeddedChannel channel = channel();

        channel.writeInbound("first", "second");

        assertThat(channel.inboundMessages()).as("both requests reach the router").containsExactly("first", "second");
        assertThat(channel.config().isAutoRead()).as("the socket is read").isTrue();
    }

    @Test
    void requestsWaitAndTheSocketIsNotReadWhileAnswersWait() {
        EmbeddedChannel channel = channel();
        fillOutbound(channel);

        channel.writeInbound("pipelined");

        assertThat(channel.inboundMessages()).as("the request waits while the answers do").isEmpty();
        assertThat(channel.config().isAutoRead()).as("the socket is not read").isFalse();
    }

    @Test
    void waitingRequestsPassInOrderAndReadingResumesOnceTheAnswersAreTaken() {
        EmbeddedChannel channel = channel();
        fillOutbound(channel);
        channel.writeInbound("first", "second");

        channel.flushOutbound();

        assertThat(channel.inboundMessages()).as("the waiting requests pass in order").containsExactly("first", "second");
        assertThat(channel.config().isAutoRead()).as("the socket is read again").isTrue();
    }

    @Test
    void waitingRequestsAreReleasedWhenTheConnectionCloses() {
        EmbeddedChannel channel = channel();
        fillOutbound(channel);
        var request = Unpooled.copiedBuffer(new byte[] {1});
        channel.writeInbound(request);

        channel.close();

        assertThat(request.refCnt()).as("a request that waited is released with the connection").isZero();
    }
}
