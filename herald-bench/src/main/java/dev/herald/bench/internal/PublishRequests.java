package dev.herald.bench.internal;

import dev.herald.bench.Api;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Frames publish requests as the bytes of one HTTP/1.1 request each: the request line and headers are
 * the same for every publish to a topic, so they are encoded once; per publish only the
 * {@code Content-Length} value and the body are written. Building a request object and running it
 * through Netty's HTTP encoder cost the publisher's one thread more than the hub's answer did, and that
 * thread's core is what limits the fastest publish runs.
 */
final class PublishRequests {

    private static final byte[] END_OF_HEADERS = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    /** Appended to a private update's form: the topic's subscribers need a token that grants it. */
    private static final byte[] PRIVATE = "&private=on".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PUBLIC = new byte[0];

    private final PublishPlan plan;
    private final Api api;
    private final List<String> encodedTopics;
    /** Per topic: everything up to the {@code Content-Length} value. */
    private final List<byte[]> heads;

    PublishRequests(PublishPlan plan, String hostHeader) {
        this.plan = plan;
        this.api = plan.api();
        this.encodedTopics = plan.topics().stream().map(Api::encode).toList();
        String authorization = plan.token() == null ? "" : "authorization: Bearer " + plan.token() + "\r\n";
        this.heads = plan.topics().stream()
                .map(topic -> ("POST " + api.publishTarget(plan.publishPath(), topic) + " HTTP/1.1\r\n"
                        + "host: " + hostHeader + "\r\n"
                        + "content-type: " + api.contentType() + "\r\n"
                        + authorization
                        + "content-length: ").getBytes(StandardCharsets.UTF_8))
                .toList();
    }

    /** The request publishing {@code data} to topic number {@code topic}. */
    ByteBuf frame(ByteBufAllocator alloc, int topic, String data) {
        byte[] body = api.publishBody(encodedTopics.get(topic), data);
        byte[] head = heads.get(topic);
        byte[] suffix = plan.isPrivate(topic) ? PRIVATE : PUBLIC;
        String length = Integer.toString(body.length + suffix.length);
        ByteBuf request = alloc.directBuffer(head.length + length.length() + END_OF_HEADERS.length + body.length
                + suffix.length);
        request.writeBytes(head);
        request.writeCharSequence(length, StandardCharsets.US_ASCII);
        request.writeBytes(END_OF_HEADERS);
        request.writeBytes(body);
        request.writeBytes(suffix);
        return request;
    }
}
