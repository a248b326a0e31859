package dev.herald.server.cli;

import dev.herald.client.token.MercureClaims;
import dev.herald.client.token.SigningKey;
import dev.herald.client.token.TokenAlgorithm;
import dev.herald.client.token.TokenMinter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code herald token}: prints a draft-07 Mercure token, as the reference hub's {@code mercure-token} does. */
@Command(name = "token", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 120,
        description = "Prints a Mercure (draft-07) JWT granting the given selectors.%n"
                + "Example: herald token --key \"$SECRET\" --publish '*' --subscribe 'https://example.com/books/{id}'%n")
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
            description = "A topic selector the token may publish to ('*': any); repeatable.")
    List<String> publish = List.of();

    @Option(names = "--subscribe", paramLabel = "SELECTOR",
            description = "A topic selector whose private updates the token may receive; repeatable.")
    List<String> subscribe = List.of();

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
        if (publish.isEmpty() && subscribe.isEmpty()) {
            return usage("give at least one --publish or --subscribe selector");
        }
        SigningKey signingKey;
        try {
            signingKey = key != null ? SigningKey.secret(algorithm, secret(key)) : SigningKey.pem(algorithm, Files.readString(pem));
        } catch (IOException e) {
            return usage("cannot read " + (pem != null ? pem : key.substring(1)) + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            return usage(e.getMessage());
        }
        MercureClaims claims = new MercureClaims(publish, subscribe,
                expires.isZero() ? Optional.empty() : Optional.of(clock.instant().plus(expires)));
        spec.commandLine().getOut().println(TokenMinter.mint(claims, signingKey));
        return 0;
    }

    private static String secret(String value) throws IOException {
        return value.startsWith("@") ? Files.readString(Path.of(value.substring(1))).strip() : value;
    }

    private int usage(String message) {
        spec.commandLine().getErr().println("herald token: " + message);
        return 2;
    }
}
