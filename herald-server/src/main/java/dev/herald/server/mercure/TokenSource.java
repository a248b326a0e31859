package dev.herald.server.mercure;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.cookie.Cookie;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;
import java.util.List;
import java.util.Optional;

/**
 * Where a request's token comes from, in this precedence: the {@code Authorization: Bearer} header,
 * then the {@code authorization} query parameter (draft-07 only: the authorizer refuses a draft-08
 * token there), then the {@code __Secure-mercure_access_token} cookie (draft-08's name), then the
 * {@code mercureAuthorization} cookie (draft-07's). The first one present is used and the others are
 * ignored, even when it turns out invalid; both drafts agree that the header wins over a cookie.
 */
record TokenSource(String token, Kind kind) {

    /** Draft-07's cookie. */
    static final String COOKIE_NAME = "mercureAuthorization";
    /** Draft-08's recommended cookie: the {@code __Secure-} prefix keeps browsers from sending it over HTTP. */
    static final String ACCESS_TOKEN_COOKIE = "__Secure-mercure_access_token";
    /** Draft-07's query parameter; draft-08 forbids tokens in URLs (RFC 9700). */
    static final String QUERY_PARAMETER = "authorization";
    /** RFC 6750 §2.3's query parameter, which draft-08 does not accept either. */
    static final String ACCESS_TOKEN_PARAMETER = "access_token";
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
        Optional<String> fromQuery = inQuery(query);
        if (fromQuery.isPresent()) {
            return Optional.of(new TokenSource(fromQuery.get(), Kind.QUERY));
        }
        String cookies = request.headers().get(HttpHeaderNames.COOKIE);
        if (cookies != null) {
            List<Cookie> decoded = ServerCookieDecoder.LAX.decodeAll(cookies);
            for (String name : List.of(ACCESS_TOKEN_COOKIE, COOKIE_NAME)) {
                for (Cookie cookie : decoded) {
                    if (name.equals(cookie.name())) {
                        return Optional.of(new TokenSource(cookie.value(), Kind.COOKIE));
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** The {@code authorization} query parameter's token, if any. */
    static Optional<String> inQuery(QueryStringDecoder query) {
        List<String> values = query.parameters().get(QUERY_PARAMETER);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }
}
