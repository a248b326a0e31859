package dev.herald.core.auth;

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

/**
 * An issuer's keys from its published JSON Web Key Set (RFC 7517), by {@code https://} or
 * {@code file://} URL ({@code http://} only to a loopback address, for tests and side-cars), through
 * Nimbus's JWK source: fetched on first use, cached for {@link Options#cacheTime()} and refreshed ahead
 * of its end, fetched again at once when a token names a {@code kid} the cached set lacks (key
 * rotation), but not more than once per {@link Options#minRefreshInterval()} (a stream of tokens with
 * made-up {@code kid}s cannot turn the hub into a load generator against the issuer).
 *
 * <p>When the key set cannot be read (no answer, an error status, an answer that is not a key set), the
 * last set read keeps being used for {@link Options#outageTolerance()}: an outage of the issuer's key
 * endpoint does not stop a hub whose keys have not changed. Beyond it, or before any set was read, or for
 * a token whose {@code kid} the kept set lacks while the endpoint fails, the token cannot be checked and
 * {@link #candidates} throws {@link KeysUnavailableException}: the hub's trouble, answered 503, never
 * the 401 that would tell a client its token is bad.
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

    /**
     * How long keys are kept and how often they may be fetched again.
     *
     * @param cacheTime how long a fetched set is used (Nimbus refreshes it ahead of the end)
     * @param minRefreshInterval the shortest time between two fetches caused by unknown {@code kid}s
     * @param timeout connect and read timeout of one fetch
     * @param outageTolerance how long the last set read is still used while the key set cannot be read
     *     (zero: not at all)
     */
    public record Options(Duration cacheTime, Duration minRefreshInterval, Duration timeout, Duration outageTolerance) {
        /**
         * An hour: a key the issuer removed during an outage of its key endpoint stays trusted up to an
         * hour longer, while the outage itself costs the hub nothing for an hour. Issuers publish a new key
         * well before they sign with it and retire old ones after their tokens expire, so an hour-old set
         * is almost always right.
         */
        public static final Duration DEFAULT_OUTAGE_TOLERANCE = Duration.ofHours(1);
        /** Five minutes of cache, one refetch per 30 s at most, 5 s to answer (Nimbus's defaults, about), an hour of outage. */
        public static final Options DEFAULTS = new Options(Duration.ofMinutes(5), Duration.ofSeconds(30),
                Duration.ofSeconds(5));

        public Options {
            Objects.requireNonNull(cacheTime, "cacheTime");
            Objects.requireNonNull(minRefreshInterval, "minRefreshInterval");
            Objects.requireNonNull(timeout, "timeout");
            Objects.requireNonNull(outageTolerance, "outageTolerance");
        }

        /** Options with {@link #DEFAULT_OUTAGE_TOLERANCE}. */
        public Options(Duration cacheTime, Duration minRefreshInterval, Duration timeout) {
            this(cacheTime, minRefreshInterval, timeout, DEFAULT_OUTAGE_TOLERANCE);
        }
    }

    private final URI url;
    private final JWKSource<SecurityContext> source;
    private final KeySetRetriever retriever;
    private final Duration minRefreshInterval;

    private JwksKeys(URI url, JWKSource<SecurityContext> source, KeySetRetriever retriever, Duration minRefreshInterval) {
        this.url = url;
        this.source = source;
        this.retriever = retriever;
        this.minRefreshInterval = minRefreshInterval;
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
        KeySetRetriever retriever = new KeySetRetriever(url, options.timeout());
        try {
            builder = JWKSourceBuilder.create(url.toURL(), retriever);
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("JWKS URL " + url + " is not a URL: " + e.getMessage());
        }
        long cacheMillis = options.cacheTime().toMillis();
        long refreshMillis = options.minRefreshInterval().toMillis();
        builder = builder.cache(cacheMillis, options.timeout().toMillis());
        builder = refreshMillis > 0 ? builder.rateLimited(refreshMillis) : builder.rateLimited(false);
        // Refresh ahead only when the cache outlives the lead time Nimbus needs (30 s by default).
        builder = builder.refreshAheadCache(cacheMillis > JWKSourceBuilder.DEFAULT_REFRESH_AHEAD_TIME);
        long outageMillis = options.outageTolerance().toMillis();
        builder = outageMillis > 0 ? builder.outageTolerant(outageMillis) : builder.outageTolerant(false);
        return new JwksKeys(url, builder.retrying(false).build(), retriever, options.minRefreshInterval());
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
            // No fetch allowed yet. After a successful one the set has no such key (401); after a failed
            // one there is no set to tell (503).
            requireLastReadSucceeded();
            return List.of();
        } catch (KeySourceException unreachable) {
            // The hub's problem, not the client's (the retriever has logged why).
            throw unavailable();
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
        if (usable.isEmpty()) {
            // The set in use may be one kept through an outage, from before the issuer added this key.
            requireLastReadSucceeded();
        }
        return usable;
    }

    private void requireLastReadSucceeded() {
        if (retriever.sinceLastFailure().isPresent()) {
            throw unavailable();
        }
    }

    /** Retry once the rate limit lets the hub read the set again: what is left of the interval, 1 s at least. */
    private KeysUnavailableException unavailable() {
        long leftMillis = minRefreshInterval.minus(retriever.sinceLastFailure().orElse(Duration.ZERO)).toMillis();
        return new KeysUnavailableException(Duration.ofSeconds(Math.max(1, (leftMillis + 999) / 1000)));
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
