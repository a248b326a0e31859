package dev.herald.server.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.client.token.AccessTokenClaims;
import dev.herald.client.token.MercureClaims;
import dev.herald.client.token.SigningKey;
import dev.herald.client.token.TokenAlgorithm;
import dev.herald.client.token.TokenMinter;
import dev.herald.client.token.TopicGrant;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code herald token}: prints a Mercure token, as the reference hub's {@code mercure-token} does: a
 * draft-07 JWT (the {@code mercure} claim), or with {@code --issuer} a draft-08 access token
 * ({@code at+jwt}) for Mercure 1.0 hubs.
 */
@Command(name = "token", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 120,
        description = "Prints a Mercure JWT granting the given topics: a draft-07 token (the mercure claim), or with "
                + "--issuer a draft-08 access token (typ at+jwt) for Mercure 1.0 hubs.%n"
                + "Examples:%n"
                + "  herald token --key \"$SECRET\" --publish '*' --subscribe 'https://example.com/books/{id}'%n"
                + "  herald token --key \"$SECRET\" --issuer https://localhost --audience https://localhost/.well-known/mercure \\%n"
                + "      --publish '*' --subscribe-urlpattern 'https://example.com/books/:id'%n")
final class TokenCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--key", paramLabel = "SECRET",
            description = "The HMAC secret (HS256/384/512), as the hub's --jwt-key; @path reads it from a file.")
    String key;

    @Option(names = "--pem", paramLabel = "FILE",
            description = "A PKCS#8 PEM private key file for RS256/384/512 or ES256/384/512.")
    Path pem;

    @Option(names = "--algorithm", paramLabel = "ALG", defaultValue = "HS256",
            description = "${COMPLETION-CANDIDATES}. Herald verifies HS256, RS256, ES256 and EdDSA. Default: ${DEFAULT-VALUE}.")
    TokenAlgorithm algorithm;

    @Option(names = "--publish", paramLabel = "SELECTOR",
            description = "A topic the token may publish to ('*': any); repeatable. Draft-07: a topic selector (URI "
                    + "templates too); draft-08: an exact match.")
    List<String> publish = List.of();

    @Option(names = "--subscribe", paramLabel = "SELECTOR",
            description = "A topic whose private updates the token may receive; repeatable. As --publish.")
    List<String> subscribe = List.of();

    @Option(names = "--publish-urlpattern", paramLabel = "PATTERN",
            description = "Draft-08: a URL pattern the token may publish to; repeatable.")
    List<String> publishPatterns = List.of();

    @Option(names = "--subscribe-urlpattern", paramLabel = "PATTERN",
            description = "Draft-08: a URL pattern whose private updates the token may receive; repeatable.")
    List<String> subscribePatterns = List.of();

    @Option(names = {"--issuer", "--iss"}, paramLabel = "ISS",
            description = "Mint a draft-08 access token (typ at+jwt) of this issuer: the hub's --jwt-issuer.")
    String issuer;

    @Option(names = {"--audience", "--aud"}, paramLabel = "URL",
            description = "Draft-08: the hub's resource identifier, e.g. https://example.com/.well-known/mercure "
                    + "(the hub's --public-url followed by /.well-known/mercure); repeatable.")
    List<String> audience = List.of();

    @Option(names = {"--subject", "--sub"}, paramLabel = "SUB",
            description = "Draft-08: who holds the token (sub). Default: a random urn:uuid.")
    String subject;

    @Option(names = "--client-id", paramLabel = "ID", description = "Draft-08: the client_id claim. Default: the issuer.")
    String clientId;

    @Option(names = "--kid", paramLabel = "KID",
            description = "The kid header: which of the issuer's keys verifies the token (for hubs reading a JWKS).")
    String keyId;

    @Option(names = "--payload", paramLabel = "JSON",
            description = "Draft-08: a JSON object attached to the subscribe grant (subscription events show it).")
    String payload;

    @Option(names = "--expires", paramLabel = "DURATION", defaultValue = "1h", converter = Units.DurationConverter.class,
            description = "Lifetime of the token; 0: it never expires. Default: ${DEFAULT-VALUE}.")
    Duration expires;

    private final Clock clock;

    TokenCommand(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Integer call() {
        if ((key == null) == (pem == null)) {
            return usage("give exactly one of --key (HS*) and --pem (RS*, ES*)");
        }
        if (publish.isEmpty() && subscribe.isEmpty() && publishPatterns.isEmpty() && subscribePatterns.isEmpty()) {
            return usage("give at least one --publish or --subscribe selector");
        }
        SigningKey signingKey;
        try {
            signingKey = key != null ? SigningKey.secret(algorithm, secret(key)) : SigningKey.pem(algorithm, Files.readString(pem));
            signingKey = keyId == null ? signingKey : signingKey.withKeyId(keyId);
        } catch (IOException e) {
            return usage("cannot read " + (pem != null ? pem : key.substring(1)) + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            return usage(e.getMessage());
        }
        try {
            String token = issuer != null ? TokenMinter.mint(accessTokenClaims(), signingKey) : draft07Token(signingKey);
            spec.commandLine().getOut().println(token);
            return 0;
        } catch (IllegalArgumentException e) {
            return usage(e.getMessage());
        }
    }

    private String draft07Token(SigningKey signingKey) {
        List<String> draft08Only = new ArrayList<>();
        addIf(draft08Only, !audience.isEmpty(), "--audience");
        addIf(draft08Only, subject != null, "--subject");
        addIf(draft08Only, clientId != null, "--client-id");
        addIf(draft08Only, payload != null, "--payload");
        addIf(draft08Only, !publishPatterns.isEmpty(), "--publish-urlpattern");
        addIf(draft08Only, !subscribePatterns.isEmpty(), "--subscribe-urlpattern");
        if (!draft08Only.isEmpty()) {
            throw new IllegalArgumentException(String.join(", ", draft08Only)
                    + " make a draft-08 access token: give its --issuer too");
        }
        MercureClaims claims = new MercureClaims(publish, subscribe,
                expires.isZero() ? Optional.empty() : Optional.of(clock.instant().plus(expires)));
        return TokenMinter.mint(claims, signingKey);
    }

    private AccessTokenClaims accessTokenClaims() {
        if (audience.isEmpty()) {
            throw new IllegalArgumentException("an access token needs --audience, the hub's resource identifier "
                    + "(e.g. https://example.com/.well-known/mercure)");
        }
        if (expires.isZero()) {
            throw new IllegalArgumentException("an access token needs an expiry: Mercure 1.0 hubs refuse one without exp");
        }
        return new AccessTokenClaims(issuer, audience, subject != null ? subject : "urn:uuid:" + UUID.randomUUID(),
                clientId != null ? clientId : issuer, grants(publish, publishPatterns), grants(subscribe, subscribePatterns),
                payloadObject(), clock.instant().plus(expires));
    }

    private Optional<Map<String, Object>> payloadObject() {
        if (payload == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ObjectMapper().readValue(payload, new TypeReference<Map<String, Object>>() {}));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("--payload must be a JSON object");
        }
    }

    private static List<TopicGrant> grants(List<String> exact, List<String> patterns) {
        List<TopicGrant> grants = new ArrayList<>(exact.size() + patterns.size());
        exact.forEach(topic -> grants.add(TopicGrant.exact(topic)));
        patterns.forEach(pattern -> grants.add(TopicGrant.urlPattern(pattern)));
        return grants;
    }

    private static void addIf(List<String> names, boolean given, String name) {
        if (given) {
            names.add(name);
        }
    }

    private static String secret(String value) throws IOException {
        return value.startsWith("@") ? Files.readString(Path.of(value.substring(1))).strip() : value;
    }

    private int usage(String message) {
        spec.commandLine().getErr().println("herald token: " + message);
        return 2;
    }
}
