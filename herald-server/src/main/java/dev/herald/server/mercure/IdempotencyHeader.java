package dev.herald.server.mercure;

import dev.herald.core.IdempotencyKey;
import dev.herald.server.http.HttpException;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.List;
import java.util.Optional;

/**
 * The {@code Idempotency-Key} request header of a publish (draft-ietf-httpapi-idempotency-key-header):
 * an opaque string, sent as a Structured Field string ({@code "..."}) or, as most clients do, bare.
 */
final class IdempotencyHeader {

    static final String NAME = "Idempotency-Key";

    private IdempotencyHeader() {
    }

    /** The key, unquoted; empty without the header; 400 for several headers or a value out of bounds. */
    static Optional<String> read(HttpRequest request) {
        List<String> values = request.headers().getAll(NAME);
        if (values.isEmpty()) {
            return Optional.empty();
        }
        if (values.size() > 1) {
            throw new HttpException(HttpResponseStatus.BAD_REQUEST, "one Idempotency-Key header at most");
        }
        String value = values.get(0).strip();
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1);
        }
        String problem = IdempotencyKey.problem(value);
        if (problem != null) {
            throw new HttpException(HttpResponseStatus.BAD_REQUEST, "Idempotency-Key " + problem);
        }
        return Optional.of(value);
    }
}
