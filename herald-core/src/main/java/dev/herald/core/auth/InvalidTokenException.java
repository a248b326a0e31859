package dev.herald.core.auth;

import java.util.Objects;

/**
 * A token was refused (answered with 401 by the server). The message is short and safe to send back
 * and to log: it names the rule that failed, never the token, its claims' values or the key.
 */
public final class InvalidTokenException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why a token was refused; stable, so it can label metrics and logs. */
    public enum Reason {
        /** Not a compact JWS with a JSON claims set (an encrypted token neither), or a claim of the wrong shape. */
        MALFORMED("malformed token"),
        /** Unsigned ({@code alg: none}), or signed with another algorithm than the configured one. */
        WRONG_ALGORITHM("wrong algorithm"),
        /** The signature does not verify with the configured key. */
        BAD_SIGNATURE("bad signature"),
        /** {@code exp} has passed (beyond the allowed clock skew). */
        EXPIRED("token expired"),
        /** {@code nbf} is still ahead (beyond the allowed clock skew). */
        NOT_YET_VALID("token not yet valid"),
        /** A draft-08 token without {@code typ: at+jwt} (e.g. an OpenID Connect ID token). */
        WRONG_TYPE("wrong token type"),
        /** A claim the token's generation requires is absent ({@code iss}, {@code aud}, {@code exp}). */
        MISSING_CLAIM("missing claim"),
        /** The {@code iss} is not a trusted issuer, or the hub has no key for this kind of token. */
        UNTRUSTED_ISSUER("untrusted issuer"),
        /** The {@code aud} does not name this hub. */
        WRONG_AUDIENCE("wrong audience");

        private final String text;

        Reason(String text) {
            this.text = text;
        }

        /** A few words for a 401 body or a log line. */
        public String text() {
            return text;
        }
    }

    private final Reason reason;

    InvalidTokenException(Reason reason) {
        this(reason, null);
    }

    /** {@code detail} must name the rule or field, never a value taken from the token. */
    InvalidTokenException(Reason reason, String detail) {
        super(detail == null ? reason.text() : reason.text() + ": " + detail);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }
}
