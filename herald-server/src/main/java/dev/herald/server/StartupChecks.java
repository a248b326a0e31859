package dev.herald.server;

import dev.herald.core.auth.JwtKey;
import dev.herald.core.auth.TrustedIssuer;
import dev.herald.core.auth.TrustedKeys;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the hub refuses to start with, each refusal one line with the reason and the fix
 * ({@link StartupException}), and what it starts with but warns about.
 */
final class StartupChecks {

    private StartupChecks() {
    }

    /**
     * Throws when the security options cannot be honoured on this address; returns the warnings to log
     * (one line each) otherwise.
     *
     * <ul>
     *   <li>{@code --no-anonymous} needs a subscriber key to check subscribers' tokens;
     *   <li>without a publisher key anyone who reaches the hub may publish, so it listens on a loopback
     *       address only;
     *   <li>a publisher or subscriber key that is a published example secret ({@link ExampleSecrets}) lets
     *       anyone publish or read private updates: refused beyond loopback, a warning on loopback.
     * </ul>
     */
    static List<String> require(String host, SecurityOptions security) {
        if (!security.anonymousSubscribers() && !security.subscriberTokensChecked()) {
            throw new StartupException("--no-anonymous needs a subscriber key (--subscriber-jwt-key or --jwt-key) "
                    + "or a trusted issuer to check subscribers' tokens");
        }
        boolean loopback = isLoopback(host);
        if (!security.publishersNeedTokens() && !loopback) {
            throw new StartupException("refusing to listen on " + host + ": with no publisher key configured, "
                    + "anyone who can reach the hub could publish; listen on a loopback address (--host 127.0.0.1)");
        }
        List<String> warnings = new ArrayList<>();
        requireOwnSecret("publisher", security.publisherKey(), "publishers' tokens", host, loopback, warnings);
        requireOwnSecret("subscriber", security.subscriberKey(), "subscribers' tokens and read private updates",
                host, loopback, warnings);
        for (TrustedIssuer issuer : security.accessTokens().issuers()) {
            // The same key as above when --jwt-issuer names the issuer of --jwt-key: warned about once.
            requireOwnSecrets("publisher", issuer.publisherKeys(), security.publisherKey(), "publishers' tokens", host,
                    loopback, warnings);
            requireOwnSecrets("subscriber", issuer.subscriberKeys(), security.subscriberKey(),
                    "subscribers' tokens and read private updates", host, loopback, warnings);
        }
        return List.copyOf(warnings);
    }

    /** {@link #requireOwnSecret} for each configured key of an issuer but the one already checked. */
    private static void requireOwnSecrets(String role, TrustedKeys keys, Optional<JwtKey> checked, String whatAnyoneCouldSign,
            String host, boolean loopback, List<String> warnings) {
        if (keys instanceof TrustedKeys.Configured configured) {
            for (JwtKey key : configured.keys()) {
                if (checked.filter(key::equals).isEmpty()) {
                    requireOwnSecret("issuer's " + role, Optional.of(key), whatAnyoneCouldSign, host, loopback, warnings);
                }
            }
        }
    }

    /** Refuses an example secret beyond loopback; on loopback adds a warning. */
    private static void requireOwnSecret(String role, Optional<JwtKey> key, String whatAnyoneCouldSign, String host,
            boolean loopback, List<String> warnings) {
        Optional<String> source = key.flatMap(ExampleSecrets::sourceOf);
        if (source.isEmpty()) {
            return;
        }
        String problem = "the " + role + " key is " + source.get();
        if (!loopback) {
            throw new StartupException("refusing to listen on " + host + ": " + problem + ", so anyone could sign "
                    + whatAnyoneCouldSign + "; configure a secret of your own (openssl rand -base64 32)");
        }
        warnings.add(problem + ", known to anyone: fine for trying Herald on this machine, refused beyond loopback");
    }

    private static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            throw new StartupException("--host " + host + " is not a known address", e);
        }
    }
}
