package dev.herald.server.cli;

import dev.herald.core.auth.JwtAlgorithm;
import dev.herald.core.auth.JwtKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** A key option's value: the key itself, or {@code @path} to read it from a file (keeps it out of {@code ps}). */
final class KeyText {

    private KeyText() {
    }

    /**
     * @param option the option or setting named in error messages
     * @return empty for a blank value
     * @throws IllegalArgumentException naming the option, never echoing the key
     */
    static Optional<JwtKey> parse(String option, JwtAlgorithm algorithm, String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String material = value;
        if (value.startsWith("@")) {
            try {
                material = Files.readString(Path.of(value.substring(1)));
            } catch (IOException e) {
                throw new IllegalArgumentException(option + ": cannot read " + value.substring(1) + ": " + e.getMessage());
            }
        }
        try {
            return Optional.of(JwtKey.parse(algorithm, material.strip()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + ": " + e.getMessage());
        }
    }
}
