package dev.herald.server;

import dev.herald.core.auth.TrustedIssuer;
import dev.herald.core.auth.UrlPatternGrants;
import dev.herald.server.mercure.MercureEndpoint;
import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * The hub's identity and trust for draft-08 access tokens (the Mercure 1.0 protocol).
 *
 * @param publicUrls the origins clients reach the hub at ({@code https://hub.example.com}); each one's
 *     {@code /.well-known/mercure} is a resource identifier a token's {@code aud} may name, and the first
 *     is the one announced when a request's {@code Host} names none of them. Empty: no access token is
 *     accepted and no protected-resource metadata is served
 * @param issuers the issuers whose access tokens are trusted, each with its own keys
 */
public record AccessTokenOptions(List<URI> publicUrls, List<TrustedIssuer> issuers) {

    /** No identity and no issuer: draft-07 tokens only, as before draft-08. */
    public static final AccessTokenOptions NONE = new AccessTokenOptions(List.of(), List.of());

    /**
     * The hub's URL when no {@code --public-url} names it: what relative URL patterns and topics resolve
     * against. A reserved name ({@code .invalid}, RFC 6761), as the reference hub does: only the path of
     * a relative topic or pattern matters then, and both resolve against the same base.
     */
    public static final String FALLBACK_HUB_URL = "http://mercure.invalid" + MercureEndpoint.PATH;

    public AccessTokenOptions {
        publicUrls = List.copyOf(publicUrls);
        issuers = List.copyOf(issuers);
        publicUrls.forEach(AccessTokenOptions::requireOrigin);
        if (!issuers.isEmpty() && publicUrls.isEmpty()) {
            throw new IllegalArgumentException("trusting an issuer (--jwt-issuer, issuers) needs --public-url: an access "
                    + "token's aud must name this hub");
        }
        long distinct = issuers.stream().map(TrustedIssuer::issuer).distinct().count();
        if (distinct != issuers.size()) {
            throw new IllegalArgumentException("an issuer is configured twice; give each issuer all its keys at once");
        }
    }

    /** A public URL as configured, checked: {@code http} or {@code https}, a host, no path, query or fragment. */
    public static URI publicUrl(String text) {
        URI url;
        try {
            url = URI.create(text.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--public-url " + text + " is not a URL");
        }
        requireOrigin(url);
        return url;
    }

    /** The resource identifier of a public URL: its {@code /.well-known/mercure}. */
    public static String resource(URI publicUrl) {
        return origin(publicUrl) + MercureEndpoint.PATH;
    }

    /** Where RFC 9728 puts the metadata of a resource: the well-known prefix before the resource's path. */
    public static String metadataUrl(URI publicUrl) {
        return origin(publicUrl) + "/.well-known/oauth-protected-resource" + MercureEndpoint.PATH;
    }

    /** The hub's URL, the base of relative URL patterns and topics: the first public URL's resource. */
    public String hubUrl() {
        return publicUrls.isEmpty() ? FALLBACK_HUB_URL : resource(publicUrls.get(0));
    }

    /** How {@code urlpattern} grants of access tokens are compiled: against {@link #hubUrl()}. */
    public UrlPatternGrants urlPatterns() {
        return UrlPatternGrants.against(hubUrl());
    }

    public List<String> resources() {
        return publicUrls.stream().map(AccessTokenOptions::resource).toList();
    }

    private static String origin(URI url) {
        return url.getScheme().toLowerCase(Locale.ROOT) + "://" + url.getRawAuthority().toLowerCase(Locale.ROOT);
    }

    private static void requireOrigin(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        boolean bare = url.getRawPath() == null || url.getRawPath().isEmpty() || url.getRawPath().equals("/");
        if (!(scheme.equals("https") || scheme.equals("http")) || url.getHost() == null || !bare
                || url.getRawQuery() != null || url.getRawFragment() != null || url.getRawUserInfo() != null) {
            throw new IllegalArgumentException("--public-url " + url + " must be an origin such as https://hub.example.com "
                    + "(scheme, host and port only: the hub's resource is its /.well-known/mercure)");
        }
    }
}
