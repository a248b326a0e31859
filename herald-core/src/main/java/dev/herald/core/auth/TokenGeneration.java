package dev.herald.core.auth;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.util.Locale;
import java.util.Map;

/**
 * Which Mercure protocol a token was made for, read from the token itself so one hub serves both with
 * no setting:
 *
 * <ul>
 *   <li>{@link #DRAFT_08} when the header's {@code typ} is {@code at+jwt} (or {@code application/at+jwt},
 *       case-insensitively, RFC 9068 §2.1), or when the claims hold {@code authorization_details} (such
 *       a token without {@code typ: at+jwt} is then refused, rather than read as a draft-07 token that
 *       grants nothing);
 *   <li>{@link #DRAFT_07} otherwise: a token with the {@code mercure} claim, or with no Mercure claim.
 * </ul>
 *
 * The generation chooses the rules and the keys a token is verified with; it grants nothing by itself,
 * since the signature is checked either way.
 */
public enum TokenGeneration {
    /** The {@code mercure} claim, verified with the role's configured key; {@code exp} optional. */
    DRAFT_07,
    /** An RFC 9068 access token: {@code iss}, {@code aud}, {@code exp} required, {@code authorization_details}. */
    DRAFT_08;

    static final String ACCESS_TOKEN_TYPE = "at+jwt";
    static final String AUTHORIZATION_DETAILS = "authorization_details";

    /** The generation of a signed token; its claims are parsed but not trusted. */
    static TokenGeneration of(SignedJWT jwt) {
        if (isAccessTokenType(jwt.getHeader().getType())) {
            return DRAFT_08;
        }
        Map<String, Object> payload = jwt.getPayload().toJSONObject();
        return payload != null && payload.containsKey(AUTHORIZATION_DETAILS) ? DRAFT_08 : DRAFT_07;
    }

    /**
     * The generation of a token's text, for deciding where it may be presented (a draft-08 token never
     * in the URL); {@link #DRAFT_07} for text that is not a signed JWT, which verification then refuses.
     */
    public static TokenGeneration of(String token) {
        try {
            return of(SignedJWT.parse(token));
        } catch (ParseException | RuntimeException notAJws) {
            return DRAFT_07;
        }
    }

    static boolean isAccessTokenType(JOSEObjectType type) {
        if (type == null) {
            return false;
        }
        String value = type.getType().toLowerCase(Locale.ROOT);
        return value.equals(ACCESS_TOKEN_TYPE) || value.equals("application/" + ACCESS_TOKEN_TYPE);
    }
}
