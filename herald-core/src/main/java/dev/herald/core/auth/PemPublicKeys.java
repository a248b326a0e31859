package dev.herald.core.auth;

import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the public key out of a PEM {@code PUBLIC KEY} (SubjectPublicKeyInfo) or {@code CERTIFICATE}
 * block with the JDK alone. Messages never quote the input: a misplaced private key must not end up
 * in a log.
 */
final class PemPublicKeys {

    private static final Pattern BLOCK =
            Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END \\1-----", Pattern.DOTALL);

    private PemPublicKeys() {}

    /**
     * @param keyFamily the JCA key algorithm expected, {@code RSA}, {@code EC} or {@code Ed25519}
     * @param jwsName the JWS algorithm being configured, for messages
     */
    static PublicKey parse(String pem, String keyFamily, String jwsName) {
        Matcher block = BLOCK.matcher(pem);
        if (!block.find()) {
            throw new IllegalArgumentException(jwsName
                    + " needs a PEM public key ('-----BEGIN PUBLIC KEY-----') or certificate ('-----BEGIN CERTIFICATE-----')");
        }
        String label = block.group(1);
        if (label.contains("PRIVATE KEY")) {
            throw new IllegalArgumentException(jwsName
                    + " was given a private key; configure the public key only (the hub never needs the private one)");
        }
        byte[] der = decode(block.group(2), jwsName);
        try {
            return switch (label) {
                case "PUBLIC KEY" -> KeyFactory.getInstance(keyFamily).generatePublic(new X509EncodedKeySpec(der));
                case "CERTIFICATE" -> CertificateFactory.getInstance("X.509")
                        .generateCertificate(new ByteArrayInputStream(der))
                        .getPublicKey();
                case "RSA PUBLIC KEY" -> throw new IllegalArgumentException(jwsName
                        + " needs a '-----BEGIN PUBLIC KEY-----' (SubjectPublicKeyInfo), not PKCS#1 'RSA PUBLIC KEY';"
                        + " convert with: openssl rsa -RSAPublicKey_in -in key.pem -pubout");
                default -> throw new IllegalArgumentException(jwsName + " cannot use a PEM '" + label
                        + "' block; expected 'PUBLIC KEY' or 'CERTIFICATE'");
            };
        } catch (GeneralSecurityException e) {
            // Usually a key of the other family (an EC key configured for RS256) or a damaged block.
            throw new IllegalArgumentException(jwsName + " needs an " + keyFamily
                    + " public key; the PEM '" + label + "' block is not one");
        }
    }

    private static byte[] decode(String body, String jwsName) {
        try {
            return Base64.getMimeDecoder().decode(body.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(jwsName + " PEM body is not valid base64");
        }
    }
}
