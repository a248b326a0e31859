package dev.herald.core.auth;

import com.nimbusds.jose.JWSHeader;
import java.util.List;
import java.util.Objects;

/**
 * The keys one issuer signs one role's tokens with, from configuration: the only keys a token of that
 * issuer is checked against. A token may hint which of them (its {@code alg}, its {@code kid}) but
 * never supplies one: {@code jwk}, {@code jku}, {@code x5u} and {@code x5c} headers are never read.
 */
public interface TrustedKeys {

    /**
     * The keys to try for a token with this header: only keys whose algorithm is the token's
     * {@code alg} (each key allows exactly one algorithm: the allowlist), and, for a key set with key
     * ids, the one the {@code kid} names. Empty when none fits.
     *
     * @throws InvalidTokenException when the keys cannot be had (an unreachable key set)
     */
    List<JwtKey> candidates(JWSHeader header);

    /** True when the keys come from an authorization server's published key set (JWKS). */
    default boolean published() {
        return false;
    }

    /** Configured keys, each used for its own algorithm only. */
    static TrustedKeys of(List<JwtKey> keys) {
        return new Configured(keys);
    }

    /** Keys from configuration (a secret or a PEM each), so the hub can also inspect them at start. */
    record Configured(List<JwtKey> keys) implements TrustedKeys {
        public Configured {
            keys = List.copyOf(Objects.requireNonNull(keys, "keys"));
            if (keys.isEmpty()) {
                throw new IllegalArgumentException("an issuer needs at least one key");
            }
        }

        @Override
        public List<JwtKey> candidates(JWSHeader header) {
            return keys.stream().filter(key -> key.algorithm().accepts(header.getAlgorithm())).toList();
        }
    }
}
