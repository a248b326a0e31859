package dev.herald.server.mercure;

import dev.herald.server.http.HttpException;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** Decodes an {@code application/x-www-form-urlencoded} request body: a publish, or a {@code QUERY} subscription. */
final class FormFields {

    /** More fields than any honest form holds (a publish's topics, a subscription's matchers). */
    private static final int MAX_FIELDS = 10_000;

    private FormFields() {
    }

    /** The body's fields by name, values in body order; a malformed body is a 400. */
    static Map<String, List<String>> decode(String body) {
        try {
            // The whole body is the query; '+' is a space, as forms encode it; ';' is data, not a separator.
            return QueryStringDecoder.builder().hasPath(false).semicolonIsNormalChar(true)
                    .charset(StandardCharsets.UTF_8).maxParams(MAX_FIELDS).build(body).parameters();
        } catch (IllegalArgumentException e) {
            throw new HttpException(HttpResponseStatus.BAD_REQUEST, "malformed form body: " + e.getMessage());
        }
    }
}
