package dev.herald.server;

import dev.herald.core.auth.JwtKey;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;
import javax.crypto.SecretKey;

/**
 * HS256 secrets that were published as examples: anyone can sign any token with them, so a hub
 * reachable from other machines must not trust them ({@link StartupChecks} refuses them beyond
 * loopback and warns on loopback). The one list, each entry saying where it was published; add any
 * secret a document or fixture shows as an example. Public keys are not listed: no private key
 * Herald publishes matches a key anyone would configure.
 */
final class ExampleSecrets {

    /** One published secret and where it appears, for the refusal's reason. */
    record Example(String secret, String source) {
    }

    static final List<Example> KNOWN = List.of(
            // Mercure's documentation, its docker-compose examples, Symfony's MercureBundle recipe, and the
            // reference hub's conformance suite; Herald's docs/mercure.md and test Tokens use it too.
            new Example("!ChangeThisMercureHubJWTSecretKey!", "the Mercure documentation's example secret"),
            // Herald's docs/deployment.md (docker run -e HERALD_JWT_KEY=...), before it said to generate one.
            new Example("a-secret-of-at-least-32-bytes-long!!", "the example secret of Herald's docs/deployment.md"),
            // Herald's Dockerfile header comment, before it said to generate one.
            new Example("a-secret-of-at-least-32-bytes....", "the example secret of Herald's Dockerfile"),
            // Herald's own test fixtures (MercureAuthorizationTest, HeraldCommandTest): public in the repository.
            new Example("another-secret-of-at-least-32-bytes!!", "a secret from Herald's tests"),
            new Example("a-publisher-secret-of-32-bytes-at-least", "a secret from Herald's tests"),
            new Example("a-shared-secret-of-32-bytes-or-more!!", "a secret from Herald's tests"));

    private ExampleSecrets() {
    }

    /** Where the key was published as an example, or empty when it is not a known example secret. */
    static Optional<String> sourceOf(JwtKey key) {
        if (!(key.key() instanceof SecretKey secret)) {
            return Optional.empty();
        }
        byte[] configured = secret.getEncoded();
        return KNOWN.stream()
                .filter(example -> MessageDigest.isEqual(example.secret().getBytes(StandardCharsets.UTF_8), configured))
                .map(Example::source)
                .findFirst();
    }
}
