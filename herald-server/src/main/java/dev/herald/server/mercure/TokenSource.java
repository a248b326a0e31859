package dev.herald.server.mercure;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.cookie.Cookie;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;
import java.util.List;
import java.util.Optional;

/**
 * Where a request's JWT comes from, in Mercure's precedence: the {@code Authorization: Bearer} header,
 * then the {@code authorization} query parameter, then the {@code mercureAuthorization} cookie. The
 * first one present is used and the others are ignored, even when it turns out invalid.
 */
record TokenSource(String token, Kind kind) {

    static final String COOKIE_NAME = "mercureAuthorization";
    private static final String BEARER = "Bearer ";

    enum Kind { HEADER, QUERY, COOKIE }

    static Optional<TokenSource> find(HttpRequest request, QueryStringDecoder query) {
        String header = request.headers().get(HttpHeaderNames.AUTHORIZATION);
        if (header != null) {
            String token = header.regionMatches(true, 0, BEARER, 0, BEARER.length())
                    ? header.substring(BEARER.length()).trim()
                    : "";
            return Optional.of(new TokenSource(token, Kind.HEADER));
        }
        List<String> fromQuery = query.parameters().get("authorization");
        if (fromQuery != null && !fromQuery.isEmpty()) {
            return Optional.of(new TokenSource(fromQuery.get(0), Kind.QUERY));
        }
        String cookies = request.headers().get(HttpHeaderNames.COOKIE);
        if (cookies != null) {
            for (Cookie cookie : ServerCookieDecoder.LAX.decodeAll(cookies)) {
                if (COOKIE_NAME.equals(cookie.name())) {
                    return Optional.of(new TokenSource(cookie.value(), Kind.COOKIE));
                }
            }
        }
        return Optional.empty();
    }
}
