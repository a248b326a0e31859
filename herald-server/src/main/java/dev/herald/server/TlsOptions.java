package dev.herald.server;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * HTTPS for the listener: a PEM certificate chain and its PKCS#8 PEM private key, or a self-signed
 * certificate generated at start for local use. With TLS, the listener negotiates HTTP/2 or HTTP/1.1
 * by ALPN.
 */
public record TlsOptions(Optional<Path> certificate, Optional<Path> privateKey, boolean selfSigned) {

    public TlsOptions {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(privateKey, "privateKey");
        if (selfSigned && (certificate.isPresent() || privateKey.isPresent())) {
            throw new IllegalArgumentException("--tls-self-signed and --tls-cert/--tls-key exclude each other");
        }
        if (!selfSigned && (certificate.isEmpty() || privateKey.isEmpty())) {
            throw new IllegalArgumentException("TLS needs both --tls-cert and --tls-key (or --tls-self-signed)");
        }
    }

    public static TlsOptions files(Path certificate, Path privateKey) {
        return new TlsOptions(Optional.of(certificate), Optional.of(privateKey), false);
    }

    public static TlsOptions generatedSelfSigned() {
        return new TlsOptions(Optional.empty(), Optional.empty(), true);
    }
}
