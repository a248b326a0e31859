package dev.herald.server.mercure;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import dev.herald.core.auth.TokenGeneration;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.util.HexFormat;

/**
 * Who a publisher is, for its {@code Idempotency-Key}s: two publishers that pick the same key must never
 * receive each other's ids, nor be refused because of each other (draft-ietf-httpapi-idempotency-key-header
 * scopes keys to the client). Read from a token the hub has already verified.
 *
 * <ul>
 *   <li>A draft-08 access token: its issuer and subject ({@code iss}, {@code sub}): the same publisher
 *       keeps its scope when its token is refreshed.</li>
 *   <li>A draft-07 token: its {@code sub} when it has one, under the hub's one draft-07 key.</li>
 *   <li>A token without {@code sub}: a hash of the token itself. A retry must then carry the same token;
 *       give publishers' tokens a {@code sub} when they are refreshed between attempts.</li>
 *   <li>No token (a hub without publisher key, which listens on loopback only): one shared scope.</li>
 * </ul>
 */
final class PublisherScope {

    static final String ANONYMOUS = "anonymous";

    private PublisherScope() {
    }

    /** The scope of a verified token (compact serialization). */
    static String of(String token) {
        JWTClaimsSet claims;
        try {
            claims = JWTParser.parse(token).getJWTClaimsSet();
        } catch (ParseException e) {
            return ofToken(token); // verified already, so not expected; the token still names its bearer
        }
        String subject = claims.getSubject();
        if (subject == null || subject.isEmpty()) {
            return ofToken(token);
        }
        if (TokenGeneration.of(token) == TokenGeneration.DRAFT_08) {
            String issuer = claims.getIssuer() == null ? "" : claims.getIssuer();
            return "08 " + issuer.length() + ":" + issuer + " " + subject;
        }
        return "07 " + subject;
    }

    private static String ofToken(String token) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
            return "token " + HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
