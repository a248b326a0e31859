package dev.herald.server.mercure;

import dev.herald.server.AccessTokenOptions;
import dev.herald.server.http.HttpException;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The refusals of RFC 6750 §3, each with its {@code WWW-Authenticate: Bearer} challenge pointing to the
 * hub's protected-resource metadata (RFC 9728 §5.1) when the hub has a public URL:
 *
 * <ul>
 *   <li>no token where one is needed: 401 with a bare challenge (no error code);
 *   <li>a token that fails verification: 401 {@code error="invalid_token"};
 *   <li>a valid token that does not allow the operation: 403 {@code error="insufficient_scope"};
 *   <li>a token presented the wrong way (a draft-08 token in the URL): 400 {@code error="invalid_request"}.
 * </ul>
 *
 * Draft-07 clients read the status and the JSON body, which stay as they were; the challenge is added.
 */
public final class BearerChallenges {

    private final List<URI> publicUrls;

    public BearerChallenges(AccessTokenOptions options) {
        this.publicUrls = options.publicUrls();
    }

    public HttpException missingToken(HttpRequest request, String message) {
        return HttpException.withChallenge(HttpResponseStatus.UNAUTHORIZED, message, challenge(request, null));
    }

    public HttpException invalidToken(HttpRequest request, String message) {
        return HttpException.withChallenge(HttpResponseStatus.UNAUTHORIZED, message, challenge(request, "invalid_token"));
    }

    public HttpException insufficientScope(HttpRequest request, String message) {
        return HttpException.withChallenge(HttpResponseStatus.FORBIDDEN, message, challenge(request, "insufficient_scope"));
    }

    public HttpException invalidRequest(HttpRequest request, String message) {
        return HttpException.withChallenge(HttpResponseStatus.BAD_REQUEST, message, challenge(request, "invalid_request"));
    }

    /**
     * The public URL the request was made to (its {@code Host} names it), else the first one: the
     * metadata a client is pointed to names the resource it used, when the hub has several names.
     */
    public Optional<URI> publicUrlOf(HttpRequest request) {
        if (publicUrls.isEmpty()) {
            return Optional.empty();
        }
        String host = request.headers().get(HttpHeaderNames.HOST);
        if (host != null) {
            String wanted = host.strip().toLowerCase(Locale.ROOT);
            for (URI url : publicUrls) {
                if (authority(url).equals(wanted) || authorityWithPort(url).equals(wanted)) {
                    return Optional.of(url);
                }
            }
        }
        return Optional.of(publicUrls.get(0));
    }

    private String challenge(HttpRequest request, String error) {
        StringBuilder challenge = new StringBuilder("Bearer");
        String separator = " ";
        if (error != null) {
            challenge.append(separator).append("error=\"").append(error).append('"');
            separator = ", ";
        }
        Optional<URI> publicUrl = publicUrlOf(request);
        if (publicUrl.isPresent()) {
            challenge.append(separator).append("resource_metadata=\"")
                    .append(AccessTokenOptions.metadataUrl(publicUrl.get())).append('"');
        }
        return challenge.toString();
    }

    private static String authority(URI url) {
        return url.getRawAuthority().toLowerCase(Locale.ROOT);
    }

    /** {@code host:443} for {@code https://host}: a client may send the default port in {@code Host}. */
    private static String authorityWithPort(URI url) {
        if (url.getPort() != -1) {
            return authority(url);
        }
        return authority(url) + (url.getScheme().equalsIgnoreCase("https") ? ":443" : ":80");
    }
}
