package dev.herald.core.auth;

import static dev.herald.core.auth.InvalidTokenException.Reason.BAD_SIGNATURE;
import static dev.herald.core.auth.InvalidTokenException.Reason.EXPIRED;
import static dev.herald.core.auth.InvalidTokenException.Reason.MALFORMED;
import static dev.herald.core.auth.InvalidTokenException.Reason.NOT_YET_VALID;
import static dev.herald.core.auth.InvalidTokenException.Reason.MISSING_CLAIM;
import static dev.herald.core.auth.InvalidTokenException.Reason.UNTRUSTED_ISSUER;
import static dev.herald.core.auth.InvalidTokenException.Reason.WRONG_ALGORITHM;
import static dev.herald.core.auth.InvalidTokenException.Reason.WRONG_AUDIENCE;
import static dev.herald.core.auth.InvalidTokenException.Reason.WRONG_TYPE;

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
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.SecretKey;

/**
 * Verifies the tokens of one role (publisher or subscriber), of both Mercure generations on one hub
 * ({@link TokenGeneration} tells them apart from the token itself). Thread-safe and immutable.
 *
 * <p>Every token must first be a compact JWS (three parts of base64url characters, nothing around
 * them; not unsigned), else {@code MALFORMED} or {@code WRONG_ALGORITHM}. The algorithm comes from
 * configuration, never from the token: each key verifies one algorithm, which defeats {@code alg: none}
 * and the algorithm-confusion attack (an HS256 token "signed" with the RS256 public key); key-carrying
 * headers ({@code jwk}, {@code jku}, {@code x5u}, {@code x5c}) are never read.
 *
 * <p>A draft-07 token (the {@code mercure} claim) is accepted when, in this order: its {@code alg}
 * is the configured key's ({@code WRONG_ALGORITHM}); its signature verifies with that key
 * ({@code BAD_SIGNATURE}); {@code exp}, when present, is ahead and {@code nbf}, when present, has
 * passed, within {@code clockSkew} ({@code EXPIRED}, {@code NOT_YET_VALID}); its {@code mercure} claim
 * has the shape Mercure defines ({@code MALFORMED}). Without {@code exp} it never expires.
 *
 * <p>A draft-08 access token (RFC 9068) is accepted when, in this order: {@code typ} is
 * {@code at+jwt} ({@code WRONG_TYPE}); {@code iss} names a trusted issuer ({@code UNTRUSTED_ISSUER});
 * one of that issuer's keys for the token's {@code alg} ({@code WRONG_ALGORITHM}) verifies the signature
 * ({@code BAD_SIGNATURE}); {@code exp} is present ({@code MISSING_CLAIM}), ahead, and {@code nbf} passed;
 * {@code aud} holds one of the hub's resource identifiers ({@code WRONG_AUDIENCE}); its
 * {@code authorization_details} are well formed ({@code MALFORMED}, see {@link AuthorizationDetails}).
 * {@code sub}, {@code client_id}, {@code iat} and {@code jti} are the issuer's duty, not checked here.
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
     * tokens of a few hundred bytes each: well under a MB. A key removed from an issuer's key set
     * therefore stops accepting a token already remembered only when the token expires or is evicted.
     */
    static final int VERIFIED_TOKENS = 1_024;

    /** A token whose signature and claims were checked once; only its times are checked again. */
    private record Verified(Claims claims, Date expiresAt, Date notBefore) {
    }

    private final Optional<JwtKey> key;
    private final Optional<JWSVerifier> verifier;
    private final AccessTokenRules accessTokens;
    private final Duration clockSkew;
    private final Clock clock;
    private final LruCache<String, Verified> verified = new LruCache<>(VERIFIED_TOKENS);

    /** A draft-07 verifier with {@link #DEFAULT_CLOCK_SKEW} and the system UTC clock. */
    public TokenVerifier(JwtKey key) {
        this(key, DEFAULT_CLOCK_SKEW, Clock.systemUTC());
    }

    /** A verifier of draft-07 tokens only: every draft-08 access token is refused. */
    public TokenVerifier(JwtKey key, Duration clockSkew, Clock clock) {
        this(Optional.of(Objects.requireNonNull(key, "key")), AccessTokenRules.NONE, clockSkew, clock);
    }

    /**
     * @param key verifies draft-07 tokens; empty: every draft-07 token is refused
     * @param accessTokens how draft-08 access tokens are checked ({@link AccessTokenRules#NONE}: refused)
     * @param clockSkew tolerance applied to {@code exp} and {@code nbf}; zero or positive
     * @param clock the time tokens are checked against (a fixed clock in tests)
     */
    public TokenVerifier(Optional<JwtKey> key, AccessTokenRules accessTokens, Duration clockSkew, Clock clock) {
        this.key = Objects.requireNonNull(key, "key");
        this.accessTokens = Objects.requireNonNull(accessTokens, "accessTokens");
        this.clockSkew = Objects.requireNonNull(clockSkew, "clockSkew");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (clockSkew.isNegative()) {
            throw new IllegalArgumentException("clockSkew must not be negative");
        }
        this.verifier = key.map(TokenVerifier::verifierFor);
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

    private Verified check(String token) {
        SignedJWT jwt = parseSigned(token);
        return TokenGeneration.of(jwt) == TokenGeneration.DRAFT_08 ? checkAccessToken(jwt) : checkMercureClaim(jwt);
    }

    /** A draft-08 access token: type, issuer, its keys, signature, times, audience, authorization details. */
    private Verified checkAccessToken(SignedJWT jwt) {
        if (!TokenGeneration.isAccessTokenType(jwt.getHeader().getType())) {
            throw new InvalidTokenException(WRONG_TYPE, "authorization_details need the header typ at+jwt");
        }
        Map<String, Object> payload = jwt.getPayload().toJSONObject();
        if (payload == null) {
            // Not JSON, or JSON but no object (a control character in a string suffices): found by
            // TokenVerifierFuzzTest, where it was a NullPointerException, so a 500 instead of a 401.
            throw new InvalidTokenException(MALFORMED, "claims are not a valid JSON object");
        }
        Object issuer = payload.get("iss");
        if (!(issuer instanceof String iss)) {
            throw new InvalidTokenException(MISSING_CLAIM, "iss is required");
        }
        TrustedKeys keys = accessTokens.issuers().get(iss);
        if (keys == null) {
            throw new InvalidTokenException(UNTRUSTED_ISSUER);
        }
        List<JwtKey> candidates = keys.candidates(jwt.getHeader());
        if (candidates.isEmpty()) {
            throw new InvalidTokenException(WRONG_ALGORITHM, "no key of the issuer fits the token's alg and kid");
        }
        if (candidates.stream().noneMatch(candidate -> signatureVerifies(jwt, verifierFor(candidate)))) {
            throw new InvalidTokenException(BAD_SIGNATURE);
        }
        JWTClaimsSet claims = claims(jwt);
        if (claims.getExpirationTime() == null) {
            throw new InvalidTokenException(MISSING_CLAIM, "exp is required");
        }
        checkTimes(claims.getExpirationTime(), claims.getNotBeforeTime());
        List<String> audience = claims.getAudience();
        if (audience.isEmpty()) {
            throw new InvalidTokenException(MISSING_CLAIM, "aud is required");
        }
        if (audience.stream().noneMatch(accessTokens.resources()::contains)) {
            throw new InvalidTokenException(WRONG_AUDIENCE);
        }
        return new Verified(AuthorizationDetails.read(claims.getClaim(TokenGeneration.AUTHORIZATION_DETAILS),
                claims.getExpirationTime().toInstant(), accessTokens.urlPatterns()),
                claims.getExpirationTime(), claims.getNotBeforeTime());
    }

    /** A draft-07 token: the configured algorithm and key, times, the {@code mercure} claim. */
    private Verified checkMercureClaim(SignedJWT jwt) {
        if (key.isEmpty()) {
            throw new InvalidTokenException(UNTRUSTED_ISSUER, "this hub has no key for draft-07 tokens");
        }
        if (!key.get().algorithm().accepts(jwt.getHeader().getAlgorithm())) {
            throw new InvalidTokenException(WRONG_ALGORITHM);
        }
        if (!signatureVerifies(jwt, verifier.get())) {
            throw new InvalidTokenException(BAD_SIGNATURE);
        }
        JWTClaimsSet claims = claims(jwt);
        checkTimes(claims.getExpirationTime(), claims.getNotBeforeTime()); // before reading the claim, as ever
        return new Verified(MercureClaim.read(claims.getClaim(MercureClaim.NAME), claims.getExpirationTime()),
                claims.getExpirationTime(), claims.getNotBeforeTime());
    }

    private static JWTClaimsSet claims(SignedJWT jwt) {
        try {
            return jwt.getJWTClaimsSet();
        } catch (ParseException | RuntimeException e) {
            // Also covers exp/nbf/aud/iss of the wrong JSON type: Nimbus checks registered claims' types here.
            throw new InvalidTokenException(MALFORMED, "claims are not a valid JSON object");
        }
    }

    /** The key this verifier checks draft-07 signatures with, if any. */
    public Optional<JwtKey> key() {
        return key;
    }

    private static SignedJWT parseSigned(String token) {
        if (!isCompactJws(token)) {
            throw new InvalidTokenException(MALFORMED);
        }
        JWT jwt;
        try {
            jwt = JWTParser.parse(token);
        } catch (ParseException | RuntimeException e) {
            // Nimbus throws a NullPointerException for some headers that are JSON but no object ("null{...}"),
            // found by TokenVerifierFuzzTest: whatever the parser does with a client's bytes, a 401.
            throw new InvalidTokenException(MALFORMED);
        }
        if (!(jwt instanceof SignedJWT signed)) {
            // PlainJWT (alg: none) or EncryptedJWT: neither proves who issued it.
            throw new InvalidTokenException(WRONG_ALGORITHM);
        }
        return signed;
    }

    /**
     * Three parts of base64url characters (RFC 7515 §7.1; the signature empty for {@code alg: none}, refused
     * next), nothing else. Nimbus's decoder skips characters outside the alphabet and the parser trims
     * spaces, so without this check {@code " " + token} or a signature with junk inside verified as the
     * token itself (found by TokenVerifierFuzzTest): harmless for what is signed, but one token would have
     * countless spellings, each a new entry for the verified-tokens cache and anything else keyed by text.
     */
    private static boolean isCompactJws(String token) {
        int dots = 0;
        int partLength = 0;
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c == '.') {
                if (partLength == 0 || ++dots > 2) {
                    return false;
                }
                partLength = 0;
            } else if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_') {
                partLength++;
            } else {
                return false;
            }
        }
        return dots == 2;
    }

    private static boolean signatureVerifies(SignedJWT jwt, JWSVerifier verifier) {
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
                case EdDSA -> new EdDsaVerifier((EdECPublicKey) key.key());
            };
        } catch (JOSEException e) {
            // JwtKey has already checked what Nimbus checks (secret length, curve).
            throw new IllegalArgumentException(key.algorithm() + " key is not usable: " + e.getMessage(), e);
        }
    }
}
