package dev.herald.server.http;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.cors.CorsConfig;
import io.netty.handler.codec.http.cors.CorsConfigBuilder;
import java.util.List;
import java.util.Optional;

/**
 * Which web pages may call the hub from a browser. Listed origins get credentials (cookies and the
 * Authorization header); {@code *} lets any page in, but never with credentials, since a page on any
 * site could then act with the user's cookie. Herald never reflects an unlisted origin.
 */
public final class CorsPolicy {

    /** How long a browser may cache a preflight answer. */
    private static final long PREFLIGHT_MAX_AGE_SECONDS = 600;

    private CorsPolicy() {
    }

    /** The CORS configuration for the origins, or empty when none are allowed (same-origin only). */
    public static Optional<CorsConfig> config(List<String> origins) {
        if (origins.isEmpty()) {
            return Optional.empty();
        }
        CorsConfigBuilder builder = origins.contains("*")
                ? CorsConfigBuilder.forAnyOrigin()
                : CorsConfigBuilder.forOrigins(origins.toArray(String[]::new)).allowCredentials();
        return Optional.of(builder
                .allowedRequestMethods(HttpMethod.GET, HttpMethod.POST)
                .allowedRequestHeaders(HttpHeaderNames.AUTHORIZATION, HttpHeaderNames.CONTENT_TYPE,
                        HttpHeaderNames.CACHE_CONTROL, "Last-Event-ID", "Idempotency-Key")
                // WWW-Authenticate: a page's fetch() reads the Bearer challenge and its resource_metadata;
                // Link: the subscriptions API's cursor (draft-08 MUST expose it to cross-origin readers).
                .exposeHeaders("Last-Event-ID", "Mercure-Last-Event-ID", "WWW-Authenticate", "Link")
                .maxAge(PREFLIGHT_MAX_AGE_SECONDS)
                .build());
    }
}
