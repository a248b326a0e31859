package dev.herald.server.mercure;

import dev.herald.server.http.HttpException;
import dev.herald.server.http.LoopbackOnly;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Locale;
import java.util.Set;

/**
 * Without a publisher key, only the hub's own pages may publish from a browser (cross-site request
 * forgery on the keyless hub).
 *
 * <p>The keyless hub grants every publisher {@code *}. Any web page the user visits may send it a
 * request: a form post to {@code /.well-known/mercure} is a "simple" cross-origin request, sent
 * without a CORS preflight and with the user's network position. The browser says where such a
 * request comes from, and the hub refuses it with 403 when:
 *
 * <ul>
 *   <li>{@code Sec-Fetch-Site} is anything but {@code same-origin} or {@code none} (typed by the
 *       user): {@code cross-site}, and also {@code same-site}, which a page on another port of the
 *       same machine gets (sites ignore ports): another local development server is another origin,
 *       and may serve content its owner does not control;
 *   <li>{@code Origin} is present and is not the origin the request was sent to: {@code http(s)://}
 *       followed by the request's own {@code Host}, a loopback name ({@link LoopbackOnly}). An opaque
 *       origin ({@code null}: sandboxed frames, {@code file:} pages) is refused too.
 * </ul>
 *
 * An {@code Origin} among the operator's {@code --publish-origins} is served whatever
 * {@code Sec-Fetch-Site} says: an explicit choice, e.g. a local development server's page ({@code *}
 * trusts every origin and turns this protection off).
 *
 * A request with neither header (curl, a back end) is served: only browsers send requests on behalf
 * of a page, and browsers send {@code Origin} with every POST. Comparing with the request's
 * {@code Host}, rather than the port the hub listens on, keeps the demo working through a port forward
 * ({@code ssh -L 9000:localhost:8080}).
 */
final class SameOriginPublish {

    private SameOriginPublish() {
    }

    /**
     * Throws 403 when the request's browser says it comes from another origin than the hub's own and
     * the trusted ones ({@code trusted}: normalized origins, lower case without a trailing slash).
     */
    static void require(HttpRequest request, Set<String> trusted) {
        String origin = request.headers().get(HttpHeaderNames.ORIGIN);
        String normalized = origin == null ? null : Authorizer.normalizeOrigin(origin);
        if (normalized != null && (trusted.contains(normalized) || trusted.contains("*"))) {
            return;
        }
        String site = request.headers().get("Sec-Fetch-Site");
        if (site != null && !"same-origin".equalsIgnoreCase(site.trim()) && !"none".equalsIgnoreCase(site.trim())) {
            throw forbidden("Sec-Fetch-Site is not same-origin");
        }
        if (normalized != null && !isOwnOrigin(normalized, request.headers().get(HttpHeaderNames.HOST))) {
            throw forbidden("Origin is neither this hub's own origin nor one of --publish-origins");
        }
    }

    /** {@code http(s)://} and exactly the request's {@code Host}, which names the loopback interface. */
    private static boolean isOwnOrigin(String origin, String host) {
        if (host == null) {
            return false;
        }
        String authority;
        if (origin.startsWith("http://")) {
            authority = origin.substring("http://".length());
        } else if (origin.startsWith("https://")) {
            authority = origin.substring("https://".length());
        } else {
            return false;
        }
        return authority.equals(host.trim().toLowerCase(Locale.ROOT)) && LoopbackOnly.isLoopback(authority);
    }

    private static HttpException forbidden(String why) {
        return new HttpException(HttpResponseStatus.FORBIDDEN, "cross-site publish refused: this hub has no publisher "
                + "key, so only its own pages may publish from a browser (" + why + ")");
    }
}
