package dev.herald.core.auth;

import static dev.herald.core.auth.InvalidTokenException.Reason.BAD_SIGNATURE;
import static dev.herald.core.auth.InvalidTokenException.Reason.EXPIRED;
import static dev.herald.core.auth.InvalidTokenException.Reason.MALFORMED;
import static dev.herald.core.auth.InvalidTokenException.Reason.NOT_YET_VALID;
import static dev.herald.core.auth.InvalidTokenException.Reason.WRONG_ALGORITHM;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import dev.herald.core.internal.LruCache;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Objects;
import javax.crypto.SecretKey;

/**
 * Verifies the JWTs of one role (publisher or subscriber) against one configured key; the server may
 * share one verifier between both roles when it has one key. Thread-safe and immutable.
 *
 * <p>A token is accepted only when, in this order:
 * <ol>
 *   <li>it is a compact JWS (three parts; not unsigned, not encrypted) — else {@code MALFORMED} or
 *       {@code WRONG_ALGORITHM};
 *   <li>its {@code alg} header equals the configured algorithm — else {@code WRONG_ALGORITHM}. The
 *       algorithm comes from configuration, never from the token, which defeats {@code alg: none}
 *       and the algorithm-confusion attack (an HS256 token "signed" with the RS256 public key);
 *       key-carrying headers ({@code jwk}, {@code jku}, {@code x5u}, {@code x5c}) are ignored;
 *   <li>its signature verifies with the configured key — else {@code BAD_SIGNATURE};
 *   <li>{@code exp}, when present, is still ahead and {@code nbf}, when present, has passed, both
 *       within {@code clockSkew} — else {@code EXPIRED} or {@code NOT_YET_VALID};
 *   <li>its {@code mercure} claim, when present, has the shape Mercure defines — else {@code MALFORMED}.
 * </ol>
 * A token without {@code exp} never expires (Mercure does not require one); issuers should set it.
 */
public final class TokenVerifier {

    /**
     * Allowed disagreement between the issuer's clock and ours: 5 seconds, so a token minted "now"
     * with {@code nbf = iat} by a host whose clock runs slightly ahead is not refused, while an
     * expired token lives at most 5 seconds longer.
     */
    public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(5);
    /**
     * Tokens whose signature was checked, remembered by their exact text: a publisher sends the same
     * token with every publish, and the hub checks it twice per publish (on the request head, before the
     * body, and at the endpoint), so an ES256 or RS256 signature (tens to hundreds of µs) is checked once
     * per token instead. Only valid tokens enter; their times are checked again on every use. 1,024
     * tokens of a few hundred bytes each: well under a MB.
     */
    static final int VERIFIED_TOKENS = 1_024;

    /** A token whose signature and claims were checked once; only its times are checked again. */
    private record Verified(Claims claims, Date expiresAt, Date notBefore) {
    }

    private final JwtKey key;
    private final JWSVerifier verifier;
    private final Duration clockSkew;
    private final Clock clock;
    private final LruCache<String, Verified> verified = new LruCache<>(VERIFIED_TOKENS);

    /** A verifier with {@link #DEFAULT_CLOCK_SKEW} and the system UTC clock. */
    public TokenVerifier(JwtKey key) {
        this(key, DEFAULT_CLOCK_SKEW, Clock.systemUTC());
    }

    /**
     * @param clockSkew tolerance applied to {@code exp} and {@code nbf}; zero or positive
     * @param clock the time tokens are checked against (a fixed clock in tests)
     */
    public TokenVerifier(JwtKey key, Duration clockSkew, Clock clock) {
        this.key = Objects.requireNonNull(key, "key");
        this.clockSkew = Objects.requireNonNull(clockSkew, "clockSkew");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (clockSkew.isNegative()) {
            throw new IllegalArgumentException("clockSkew must not be negative");
        }
        this.verifier = verifierFor(key);
    }

    /**
     * The claims of a valid token.
     *
     * @param token the compact serialization, without any {@code Bearer } prefix
     * @throws InvalidTokenException with the first rule the token breaks (see the class comment)
     */
    public Claims verify(String token) {
        Objects.requireNonNull(token, "token");
        Verified known = verified.computeIfAbsent(token, this::check);
        checkTimes(known.expiresAt(), known.notBefore());
        return known.claims();
    }

    /** Everything but the times, which change with the clock: format, algorithm, signature, claims. */
    private Verified check(String token) {
        SignedJWT jwt = parseSigned(token);
        if (!key.algorithm().jws().equals(jwt.getHeader().getAlgorithm())) {
            throw new InvalidTokenException(WRONG_ALGORITHM);
        }
        if (!signatureVerifies(jwt)) {
            throw new InvalidTokenException(BAD_SIGNATURE);
        }
        JWTClaimsSet claims;
        try {
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            // Also covers exp/nbf that are not numbers: Nimbus checks registered claims' types here.
            throw new InvalidTokenException(MALFORMED, "claims are not a valid JSON object");
        }
        checkTimes(claims.getExpirationTime(), claims.getNotBeforeTime()); // before reading the claim, as ever
        return new Verified(MercureClaim.read(claims.getClaim(MercureClaim.NAME), claims.getExpirationTime()),
                claims.getExpirationTime(), claims.getNotBeforeTime());
    }

    /** The key this verifier checks signatures with. */
    public JwtKey key() {
        return key;
    }

    private static SignedJWT parseSigned(String token) {
        JWT jwt;
        try {
            jwt = JWTParser.parse(token);
        } catch (ParseException e) {
            throw new InvalidTokenException(MALFORMED);
        }
        if (!(jwt instanceof SignedJWT signed)) {
            // PlainJWT (alg: none) or EncryptedJWT: neither proves who issued it.
            throw new InvalidTokenException(WRONG_ALGORITHM);
        }
        return signed;
    }

    private boolean signatureVerifies(SignedJWT jwt) {
        try {
            return jwt.verify(verifier);
        } catch (JOSEException | IllegalStateException e) {
            // Nimbus throws instead of answering false for some unusable signatures (wrong length,
            // unsupported critical header); to the bearer it is the same refusal.
            return false;
        }
    }

    private void checkTimes(Date expiresAt, Date notBefore) {
        Instant now = clock.instant();
        // RFC 7519 §4.1.4: the token must not be accepted "on or after" exp.
        if (expiresAt != null && !now.isBefore(expiresAt.toInstant().plus(clockSkew))) {
            throw new InvalidTokenException(EXPIRED);
        }
        // RFC 7519 §4.1.5: the token must not be accepted before nbf.
        if (notBefore != null && now.isBefore(notBefore.toInstant().minus(clockSkew))) {
            throw new InvalidTokenException(NOT_YET_VALID);
        }
    }

    private static JWSVerifier verifierFor(JwtKey key) {
        try {
            return switch (key.algorithm()) {
                case HS256 -> new MACVerifier((SecretKey) key.key());
                case RS256 -> new RSASSAVerifier((RSAPublicKey) key.key());
                case ES256 -> new ECDSAVerifier((ECPublicKey) key.key());
            };
        } catch (JOSEException e) {
            // JwtKey has already checked what Nimbus checks (secret length, curve).
            throw new IllegalArgumentException(key.algorithm() + " key is not usable: " + e.getMessage(), e);
        }
    }
}
