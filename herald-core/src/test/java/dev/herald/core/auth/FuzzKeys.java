package dev.herald.core.auth;

import com.nimbusds.jose.util.Base64URL;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The keys of the token fuzz targets, and tokens signed with them straight through the JCA (not Nimbus,
 * whose verifiers are what is under test). The HS256 secret is fixed and public, so seed files can hold
 * valid tokens; it protects nothing. The key pairs are made fresh per run.
 */
final class FuzzKeys {

    /** Public on purpose: a fuzz-only secret, never a hub's. */
    static final String SECRET = "herald-fuzz-only-secret-0123456789abcdef";
    /** Signer names whose keys the hub trusts. */
    static final Set<String> TRUSTED = Set.of("hs", "rs", "es", "ed");

    private record Signer(String jcaAlgorithm, String jws, Object signingKey, Object verifyingKey) {
    }

    private final Map<String, Signer> signers;

    FuzzKeys() {
        KeyPair rsa = TestKeys.rsa(2048);
        KeyPair ec = TestKeys.ec("secp256r1");
        KeyPair otherRsa = TestKeys.rsa(2048);
        KeyPair otherEc = TestKeys.ec("secp256r1");
        KeyPair ed = TestKeys.ed("Ed25519");
        KeyPair otherEd = TestKeys.ed("Ed25519");
        byte[] other = "another-secret-the-hub-never-trusts-0123456".getBytes(StandardCharsets.UTF_8);
        byte[] secret = SECRET.getBytes(StandardCharsets.UTF_8);
        signers = Map.of(
                "ed", new Signer("Ed25519", "EdDSA", ed.getPrivate(), ed.getPublic()),
                "ed-other", new Signer("Ed25519", "EdDSA", otherEd.getPrivate(), otherEd.getPublic()),
                "hs", new Signer("HmacSHA256", "HS256", secret, secret),
                "rs", new Signer("SHA256withRSA", "RS256", rsa.getPrivate(), rsa.getPublic()),
                "es", new Signer("SHA256withECDSAinP1363Format", "ES256", ec.getPrivate(), ec.getPublic()),
                "hs-other", new Signer("HmacSHA256", "HS256", other, other),
                "rs-other", new Signer("SHA256withRSA", "RS256", otherRsa.getPrivate(), otherRsa.getPublic()),
                "es-other", new Signer("SHA256withECDSAinP1363Format", "ES256", otherEc.getPrivate(),
                        otherEc.getPublic()));
    }

    /** The draft-07 key: the HS256 secret. */
    JwtKey draft07() {
        return JwtKey.parse(JwtAlgorithm.HS256, SECRET);
    }

    /** The issuer's keys: the same HS256 secret, and the RS256, ES256 and EdDSA public keys. */
    TrustedKeys issuerKeys() {
        return TrustedKeys.of(List.of(draft07(),
                new JwtKey(JwtAlgorithm.RS256, (PublicKey) signers.get("rs").verifyingKey()),
                new JwtKey(JwtAlgorithm.ES256, (PublicKey) signers.get("es").verifyingKey()),
                new JwtKey(JwtAlgorithm.EdDSA, (PublicKey) signers.get("ed").verifyingKey())));
    }

    /** The {@code alg} names a trusted signer's key verifies: its one algorithm (EdDSA by either name). */
    static Set<String> algorithmsOf(String signer) {
        return switch (signer) {
            case "hs" -> Set.of("HS256");
            case "rs" -> Set.of("RS256");
            case "es" -> Set.of("ES256");
            case "ed" -> Set.of("EdDSA", "Ed25519");
            default -> throw new IllegalArgumentException(signer);
        };
    }

    /**
     * A compact JWS of exactly these header and claims bytes, signed by the named signer whatever the
     * header says; an unknown signer name gives an empty signature.
     */
    String sign(String signer, String header, String claims) {
        String input = TokenVerifierFuzzTest.part(header.getBytes(StandardCharsets.UTF_8)) + "."
                + TokenVerifierFuzzTest.part(claims.getBytes(StandardCharsets.UTF_8));
        Signer key = signers.get(signer);
        return input + "." + (key == null ? "" : TokenVerifierFuzzTest.part(sign(key, input)));
    }

    /** The trusted signer whose key verifies the token's signature over its own first two parts, if any. */
    Optional<String> trustedSignerOf(String token) {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            return Optional.empty();
        }
        String input = parts[0] + "." + parts[1];
        byte[] signature = new Base64URL(parts[2]).decode();
        return TRUSTED.stream().filter(name -> verifies(signers.get(name), input, signature)).findFirst();
    }

    private static byte[] sign(Signer key, String input) {
        byte[] bytes = input.getBytes(StandardCharsets.US_ASCII);
        try {
            if (key.signingKey() instanceof byte[] secret) {
                Mac mac = Mac.getInstance(key.jcaAlgorithm());
                mac.init(new SecretKeySpec(secret, key.jcaAlgorithm()));
                return mac.doFinal(bytes);
            }
            Signature signature = Signature.getInstance(key.jcaAlgorithm());
            signature.initSign((PrivateKey) key.signingKey());
            signature.update(bytes);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    private static boolean verifies(Signer key, String input, byte[] signature) {
        byte[] bytes = input.getBytes(StandardCharsets.UTF_8);
        try {
            if (key.verifyingKey() instanceof byte[] secret) {
                Mac mac = Mac.getInstance(key.jcaAlgorithm());
                mac.init(new SecretKeySpec(secret, key.jcaAlgorithm()));
                return MessageDigest.isEqual(mac.doFinal(bytes), signature);
            }
            Signature verifier = Signature.getInstance(key.jcaAlgorithm());
            verifier.initVerify((PublicKey) key.verifyingKey());
            verifier.update(bytes);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }
}
