package dev.herald.server.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.core.auth.JwksKeys;
import dev.herald.core.auth.JwtAlgorithm;
import dev.herald.core.auth.JwtKey;
import dev.herald.core.auth.TrustedIssuer;
import dev.herald.core.auth.TrustedKeys;
import dev.herald.server.AccessTokenOptions;
import java.net.URI;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.Option;

/**
 * The options of draft-08 access tokens: the hub's public URLs, the issuer of the configured keys, an
 * issuer's key set, and further issuers. The common case is two flags
 * ({@code --public-url https://hub.example.com --jwt-issuer https://app.example.com} beside
 * {@code --jwt-key}); several issuers, each with its own keys, are a list in the configuration file
 * ({@code issuers:}) or the same list as JSON in {@code --issuers} / {@code HERALD_ISSUERS}.
 */
final class AccessTokenArgs {

    /** What an entry of {@code issuers} may set. */
    private static final Set<String> ISSUER_FIELDS =
            Set.of("issuer", "algorithm", "key", "publisher-key", "subscriber-key", "jwks-url");

    @Option(names = "--public-url", paramLabel = "URL", defaultValue = "", split = ",",
            description = "Origin clients reach the hub at, e.g. https://hub.example.com (repeatable or "
                    + "comma-separated): URL/.well-known/mercure is the resource a draft-08 access token's aud must "
                    + "name, announced at /.well-known/oauth-protected-resource/.well-known/mercure. Default: none "
                    + "(draft-07 tokens only).")
    List<String> publicUrls;

    @Option(names = "--jwt-issuer", paramLabel = "ISS", defaultValue = "",
            description = "Issuer (the iss of its draft-08 access tokens) whose keys are --jwt-key, "
                    + "--publisher-jwt-key and --subscriber-jwt-key, or --jwks-url. Needs --public-url. Default: none.")
    String jwtIssuer;

    @Option(names = "--jwks-url", paramLabel = "URL", defaultValue = "",
            description = "JSON Web Key Set of --jwt-issuer (https:// or file://; RS256, ES256 and EdDSA keys chosen by kid, "
                    + "cached 5 min, fetched again for an unknown kid at most every 30 s). Default: none.")
    String jwksUrl;

    @Option(names = "--issuers", paramLabel = "JSON", defaultValue = "",
            description = "Further issuers of draft-08 access tokens, each with its own keys: a JSON array of "
                    + "{issuer, and key | publisher-key + subscriber-key (with algorithm, default HS256) | jwks-url}; "
                    + "in a configuration file, an 'issuers:' list. Default: none.")
    String issuers;

    /**
     * The access-token options; the draft-07 keys are the issuer's keys when {@code --jwt-issuer} is set
     * without {@code --jwks-url}.
     */
    AccessTokenOptions options(Optional<JwtKey> publisherKey, Optional<JwtKey> subscriberKey) {
        List<URI> urls = HeraldCommand.nonBlank(publicUrls).stream().map(AccessTokenOptions::publicUrl).toList();
        List<TrustedIssuer> trusted = new ArrayList<>();
        if (!jwtIssuer.isBlank()) {
            trusted.add(commandLineIssuer(publisherKey, subscriberKey));
        } else if (!jwksUrl.isBlank()) {
            throw new IllegalArgumentException("--jwks-url needs --jwt-issuer: keys are bound to the issuer they sign for");
        }
        trusted.addAll(parseIssuers(issuers));
        return new AccessTokenOptions(urls, trusted);
    }

    private TrustedIssuer commandLineIssuer(Optional<JwtKey> publisherKey, Optional<JwtKey> subscriberKey) {
        String issuer = jwtIssuer.strip();
        if (!jwksUrl.isBlank()) {
            TrustedKeys keys = JwksKeys.of(jwksUri("--jwks-url", jwksUrl), JwksKeys.Options.DEFAULTS);
            return new TrustedIssuer(issuer, keys, keys);
        }
        if (publisherKey.isEmpty() || subscriberKey.isEmpty()) {
            throw new IllegalArgumentException("--jwt-issuer needs keys for both roles: --jwt-key (or "
                    + "--publisher-jwt-key and --subscriber-jwt-key), or --jwks-url");
        }
        return new TrustedIssuer(issuer, TrustedKeys.of(List.of(publisherKey.get())),
                TrustedKeys.of(List.of(subscriberKey.get())));
    }

    /** The {@code issuers} list; each entry's errors name the entry by its position and issuer. */
    static List<TrustedIssuer> parseIssuers(String json) {
        if (json == null || json.isBlank()) {
            return List.of();
        }
        JsonNode list;
        try {
            list = new ObjectMapper().readTree(json);
        } catch (JsonProcessingException e) {
            // Jackson's message quotes the text around the error, which may be a key: only the place is said.
            throw new IllegalArgumentException("--issuers is not valid JSON (line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ")");
        }
        if (list == null || !list.isArray()) {
            throw new IllegalArgumentException("--issuers must be a list of issuers");
        }
        List<TrustedIssuer> issuers = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            issuers.add(issuer("issuers[" + i + "]", list.get(i)));
        }
        return issuers;
    }

    private static TrustedIssuer issuer(String where, JsonNode entry) {
        if (!entry.isObject()) {
            throw new IllegalArgumentException(where + " must be a map with an issuer and its keys");
        }
        for (Iterator<String> fields = entry.fieldNames(); fields.hasNext(); ) {
            String field = fields.next();
            if (!ISSUER_FIELDS.contains(field)) {
                throw new IllegalArgumentException(where + " sets '" + field + "'; an issuer takes " + ISSUER_FIELDS);
            }
        }
        String issuer = text(entry, "issuer");
        if (issuer.isBlank()) {
            throw new IllegalArgumentException(where + " needs an issuer (the exact iss of its tokens)");
        }
        String name = where + " (" + issuer + ")";
        String jwks = text(entry, "jwks-url");
        if (!jwks.isBlank()) {
            if (!text(entry, "key").isBlank() || !text(entry, "publisher-key").isBlank()
                    || !text(entry, "subscriber-key").isBlank()) {
                throw new IllegalArgumentException(name + " has both a jwks-url and keys; give one or the other");
            }
            TrustedKeys keys = JwksKeys.of(jwksUri(name + " jwks-url", jwks), JwksKeys.Options.DEFAULTS);
            return new TrustedIssuer(issuer, keys, keys);
        }
        JwtAlgorithm algorithm = algorithm(name, text(entry, "algorithm"));
        Optional<JwtKey> both = KeyText.parse(name + " key", algorithm, text(entry, "key"));
        Optional<JwtKey> publisher = KeyText.parse(name + " publisher-key", algorithm, text(entry, "publisher-key")).or(() -> both);
        Optional<JwtKey> subscriber = KeyText.parse(name + " subscriber-key", algorithm, text(entry, "subscriber-key")).or(() -> both);
        if (publisher.isEmpty() || subscriber.isEmpty()) {
            throw new IllegalArgumentException(name + " needs a key (or publisher-key and subscriber-key), or a jwks-url");
        }
        return new TrustedIssuer(issuer, TrustedKeys.of(List.of(publisher.get())), TrustedKeys.of(List.of(subscriber.get())));
    }

    private static JwtAlgorithm algorithm(String name, String text) {
        if (text.isBlank()) {
            return JwtAlgorithm.HS256;
        }
        try {
            return JwtAlgorithm.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + " " + e.getMessage());
        }
    }

    private static URI jwksUri(String option, String text) {
        try {
            return URI.create(text.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + " " + text + " is not a URL");
        }
    }

    private static String text(JsonNode entry, String field) {
        JsonNode value = entry.get(field);
        return value == null || value.isNull() ? "" : value.asText();
    }
}
