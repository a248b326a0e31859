package dev.herald.core.auth;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jose.util.Resource;
import com.nimbusds.jose.util.ResourceRetriever;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a key set over HTTP(S) with Nimbus's retriever, or from a {@code file://} URL itself (Nimbus's
 * retriever speaks HTTP only). Both are bounded: {@link JWKSourceBuilder#DEFAULT_HTTP_SIZE_LIMIT} bytes
 * (50 KB, some hundred keys) and the timeout.
 *
 * <p>It also remembers whether the last read gave a key set: an answer that is not one (an HTML error
 * page with status 200, a truncated body) counts as a failure like a refused connection or a 5xx, so
 * {@link JwksKeys} can tell "the issuer's keys are unavailable" (503) from "the key set lacks this key"
 * (401). Thread-safe.
 */
final class KeySetRetriever implements ResourceRetriever {

    private static final int SIZE_LIMIT = JWKSourceBuilder.DEFAULT_HTTP_SIZE_LIMIT;

    private static final Logger LOG = LoggerFactory.getLogger(KeySetRetriever.class);

    private final URI keySet;
    private final DefaultResourceRetriever http;
    /** {@link System#nanoTime()} of the last failed read, when the last read failed; else null. */
    private volatile Long lastFailure;

    /** @param keySet the key set's URL, for log lines */
    KeySetRetriever(URI keySet, Duration timeout) {
        this.keySet = keySet;
        int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        this.http = new DefaultResourceRetriever(millis, millis, SIZE_LIMIT);
    }

    @Override
    public Resource retrieveResource(URL url) throws IOException {
        try {
            Resource resource = "file".equalsIgnoreCase(url.getProtocol()) ? readFile(url) : http.retrieveResource(url);
            JWKSet.parse(resource.getContent());
            lastFailure = null;
            return resource;
        } catch (ParseException notAKeySet) {
            throw failed(new IOException("the answer is not a JSON Web Key Set: " + notAKeySet.getMessage(), notAKeySet));
        } catch (IOException failed) {
            throw failed(failed);
        }
    }

    /**
     * The hub's trouble, which the operator must hear of, even while the last set read keeps tokens
     * working. Bounded by the fetch rate limit (two attempts per minimum refresh interval, 30 s by
     * default) and the cache: tokens cannot multiply these lines.
     */
    private IOException failed(IOException failure) {
        lastFailure = System.nanoTime();
        LOG.warn("The key set {} cannot be read: {}", keySet, failure.getMessage());
        return failure;
    }

    /** How long ago the last read failed, when it did (the keys in use, if any, are then an older copy). */
    Optional<Duration> sinceLastFailure() {
        Long failedAt = lastFailure;
        return failedAt == null ? Optional.empty() : Optional.of(Duration.ofNanos(System.nanoTime() - failedAt));
    }

    private static Resource readFile(URL url) throws IOException {
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
