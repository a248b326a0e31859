package dev.herald.core.auth;

import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jose.util.Resource;
import com.nimbusds.jose.util.ResourceRetriever;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Reads a key set over HTTP(S) with Nimbus's retriever, or from a {@code file://} URL itself (Nimbus's
 * retriever speaks HTTP only). Both are bounded: {@link JWKSourceBuilder#DEFAULT_HTTP_SIZE_LIMIT} bytes
 * (50 KB, some hundred keys) and the timeout.
 */
final class KeySetRetriever implements ResourceRetriever {

    private static final int SIZE_LIMIT = JWKSourceBuilder.DEFAULT_HTTP_SIZE_LIMIT;

    private final DefaultResourceRetriever http;

    KeySetRetriever(Duration timeout) {
        int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        this.http = new DefaultResourceRetriever(millis, millis, SIZE_LIMIT);
    }

    @Override
    public Resource retrieveResource(URL url) throws IOException {
        if (!"file".equalsIgnoreCase(url.getProtocol())) {
            return http.retrieveResource(url);
        }
        Path file;
        try {
            file = Path.of(url.toURI());
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new IOException("not a file URL: " + url, e);
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(SIZE_LIMIT + 1);
            if (bytes.length > SIZE_LIMIT) {
                throw new IOException(file + " is larger than " + SIZE_LIMIT + " bytes");
            }
            return new Resource(new String(bytes, StandardCharsets.UTF_8), "application/json");
        }
    }
}
