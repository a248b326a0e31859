package dev.herald.core.auth;

import static dev.herald.core.auth.InvalidTokenException.Reason.UNTRUSTED_ISSUER;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.SecurityContext;
import java.net.InetAddress;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.UnknownHostException;
import java.security.Key;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An issuer's keys from its published JSON Web Key Set (RFC 7517), by {@code https://} or
 * {@code file://} URL ({@code http://} only to a loopback address, for tests and side-cars), through
 * Nimbus's JWK source: fetched on first use, cached for {@link Options#cacheTime()} and refreshed ahead
 * of its end, fetched again at once when a token names a {@code kid} the cached set lacks (key
 * rotation), but not more than once per {@link Options#minRefreshInterval()} (a stream of tokens with
 * made-up {@code kid}s cannot turn the hub into a load generator against the issuer).
 *
 * <p>A key is used only for the algorithm of the {@link #ALGORITHMS} allowlist its type fits (an RSA
 * key for RS256, a P-256 key for ES256, an Ed25519 OKP key for EdDSA; a key's own {@code alg}, when set,
 * must agree; its {@code use}, when set, must be {@code sig}), with the same size rules as configured
 * keys ({@link JwtKey}). Symmetric keys in a published set are never used.
 */
public final class JwksKeys implements TrustedKeys {

    /** The algorithms accepted from a key set: the asymmetric ones Herald verifies (EdDSA by either name). */
    public static final Set<JWSAlgorithm> ALGORITHMS =
            Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256, JWSAlgorithm.EdDSA, JWSAlgorithm.Ed25519);
    private static final Logger LOG = LoggerFactory.getLogger(JwksKeys.class);

    /**
     * How long keys are kept and how often they may be fetched again.
     *
     * @param cacheTime how long a fetched set is used (Nimbus refreshes it ahead of the end)
     * @param minRefreshInterval the shortest time between two fetches caused by unknown {@code kid}s
     * @param timeout connect and read timeout of one fetch
     */
    public record Options(Duration cacheTime, Duration minRefreshInterval, Duration timeout) {
        /** Five minutes of cache, one refetch per 30 s at most, 5 s to answer: Nimbus's defaults, about. */
        public static final Options DEFAULTS = new Options(Duration.ofMinutes(5), Duration.ofSeconds(30),
                Duration.ofSeconds(5));

        public Options {
            Objects.requireNonNull(cacheTime, "cacheTime");
            Objects.requireNonNull(minRefreshInterval, "minRefreshInterval");
            Objects.requireNonNull(timeout, "timeout");
        }
    }

    private final URI url;
    private final JWKSource<SecurityContext> source;

    private JwksKeys(URI url, JWKSource<SecurityContext> source) {
        this.url = url;
        this.source = source;
    }

    /**
     * Keys from the set at {@code url}; nothing is fetched yet.
     *
     * @throws IllegalArgumentException for a URL that is not {@code https://}, {@code file://}, or
     *     {@code http://} to a loopback address
     */
    public static JwksKeys of(URI url, Options options) {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(options, "options");
        requireTrustworthy(url);
        JWKSourceBuilder<SecurityContext> builder;
        try {
            builder = JWKSourceBuilder.create(url.toURL(), new KeySetRetriever(options.timeout()));
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("JWKS URL " + url + " is not a URL: " + e.getMessage());
        }
        long cacheMillis = options.cacheTime().toMillis();
        long refreshMillis = options.minRefreshInterval().toMillis();
        builder = builder.cache(cacheMillis, options.timeout().toMillis());
        builder = refreshMillis > 0 ? builder.rateLimited(refreshMillis) : builder.rateLimited(false);
        // Refresh ahead only when the cache outlives the lead time Nimbus needs (30 s by default).
        builder = builder.refreshAheadCache(cacheMillis > JWKSourceBuilder.DEFAULT_REFRESH_AHEAD_TIME);
        return new JwksKeys(url, builder.retrying(false).build());
    }

    @Override
    public List<JwtKey> candidates(JWSHeader header) {
        if (!ALGORITHMS.contains(header.getAlgorithm())) {
            return List.of(); // not on the allowlist: no key is even looked up
        }
        List<JWK> keys;
        try {
            // Key type, kid, use and the key's own alg, as Nimbus's JWSVerificationKeySelector selects them;
            // converted here, since Nimbus converts no OKP key to a JCA key.
            keys = source.get(new JWKSelector(JWKMatcher.forJWSHeader(header)), null);
        } catch (RateLimitReachedException refetchTooSoon) {
            // An unknown kid within minRefreshInterval of the last fetch: the cached set has no such key.
            return List.of();
        } catch (KeySourceException unreachable) {
            // The hub's problem, not the client's: the operator must hear of it. Bounded by the fetch rate
            // limit (one attempt per minRefreshInterval) and the cache: tokens cannot multiply these lines.
            LOG.warn("The key set {} cannot be read: {}", url, unreachable.getMessage());
            throw new InvalidTokenException(UNTRUSTED_ISSUER, "the issuer's key set cannot be read");
        }
        List<JwtKey> usable = new ArrayList<>(keys.size());
        JwtAlgorithm algorithm = JwtAlgorithm.of(header.getAlgorithm()).orElseThrow();
        for (JWK jwk : keys) {
            try {
                usable.add(new JwtKey(algorithm, publicKey(jwk)));
            } catch (IllegalArgumentException | JOSEException unusable) {
                // An RSA key under 2048 bits, an EC key on another curve, an Ed448 or malformed OKP key:
                // never trusted.
            }
        }
        return usable;
    }

    private static Key publicKey(JWK jwk) throws JOSEException {
        if (jwk instanceof RSAKey rsa) {
            return rsa.toRSAPublicKey();
        }
        if (jwk instanceof ECKey ec) {
            return ec.toECPublicKey();
        }
        if (jwk instanceof OctetKeyPair okp && Curve.Ed25519.equals(okp.getCurve())) {
            return EdDsaVerifier.ed25519(okp.getDecodedX());
        }
        throw new IllegalArgumentException("not a key Herald verifies with: " + jwk.getKeyType());
    }

    @Override
    public boolean published() {
        return true;
    }

    @Override
    public String toString() {
        return "JwksKeys[" + url + "]";
    }

    private static void requireTrustworthy(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        switch (scheme) {
            case "https", "file" -> {
            }
            case "http" -> {
                // Keys fetched in clear text can be replaced on the way: anyone on the path could then
                // sign tokens. Loopback never leaves the machine.
                if (!isLoopback(url.getHost())) {
                    throw new IllegalArgumentException("JWKS URL " + url + " must be https:// (http:// only to a "
                            + "loopback address) or file://");
                }
            }
            default -> throw new IllegalArgumentException("JWKS URL " + url + " must be https:// or file://");
        }
    }

    private static boolean isLoopback(String host) {
        if (host == null) {
            return false;
        }
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
