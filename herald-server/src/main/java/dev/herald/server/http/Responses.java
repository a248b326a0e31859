package dev.herald.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelOutboundInvoker;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;

/** Builds and sends the complete (non-streaming) responses. */
public final class Responses {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Responses() {
    }

    /**
     * Answers {@code {"error": message}} with the status. The connection stays open, except after 413
     * and 431, where the rest of the request was not read and the byte stream cannot be trusted.
     */
    public static void sendError(ChannelOutboundInvoker out, HttpResponseStatus status, String message) {
        send(out, error(status, message));
    }

    /** Like {@link #sendError}, then closes the connection: for requests the decoder could not read. */
    public static void sendErrorAndClose(ChannelOutboundInvoker out, HttpResponseStatus status, String message) {
        sendAndClose(out, error(status, message));
    }

    /** Like {@link #sendError}, with the exception's {@code Retry-After} when it has one. */
    public static void sendError(ChannelOutboundInvoker out, HttpException exception) {
        send(out, error(exception));
    }

    /** Like {@link #sendError(ChannelOutboundInvoker, HttpException)}, then closes the connection (or HTTP/2 stream). */
    public static void sendErrorAndClose(ChannelOutboundInvoker out, HttpException exception) {
        sendAndClose(out, error(exception));
    }

    static FullHttpResponse error(HttpException exception) {
        FullHttpResponse response = error(exception.status(), exception.getMessage());
        if (exception.retryAfterSeconds() > 0) {
            response.headers().set(HttpHeaderNames.RETRY_AFTER, exception.retryAfterSeconds());
        }
        if (exception.challenge() != null) {
            response.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, exception.challenge());
        }
        return response;
    }

    private static FullHttpResponse error(HttpResponseStatus status, String message) {
        return json(status, JSON.createObjectNode().put("error", message));
    }

    private static void send(ChannelOutboundInvoker out, FullHttpResponse response) {
        int code = response.status().code();
        if (code == 413 || code == 431) {
            sendAndClose(out, response);
            return;
        }
        out.writeAndFlush(response);
    }

    private static void sendAndClose(ChannelOutboundInvoker out, FullHttpResponse response) {
        response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        out.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }

    public static FullHttpResponse json(HttpResponseStatus status, Object body) {
        try {
            return bytes(status, "application/json; charset=utf-8", JSON.writeValueAsBytes(body));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write a JSON response", e);
        }
    }

    public static FullHttpResponse text(HttpResponseStatus status, String body) {
        return bytes(status, "text/plain; charset=utf-8", body.getBytes(StandardCharsets.UTF_8));
    }

    public static FullHttpResponse bytes(HttpResponseStatus status, String contentType, byte[] body) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.wrappedBuffer(body));
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, contentType)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length)
                .set("X-Content-Type-Options", "nosniff");
        return response;
    }

    public static ObjectMapper json() {
        return JSON;
    }
}
