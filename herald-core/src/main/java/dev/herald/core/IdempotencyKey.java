package dev.herald.core;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * A publisher's {@code Idempotency-Key} (draft-ietf-httpapi-idempotency-key-header), scoped to that
 * publisher: two publishers choosing the same key never meet. Valid by construction.
 *
 * <p>The key is opaque; it is bounded (1 to {@value #MAX_LENGTH} printable ASCII characters) so that
 * what the hub remembers per key is bounded too, and what transports keep is only {@link #digest()}, a
 * fixed-size hash of scope and key: a long key or scope costs nothing durable.
 *
 * @param scope who publishes (the hub derives it from the verified token; the same string for every
 *     anonymous publisher)
 * @param key the header's value, unquoted
 */
public record IdempotencyKey(String scope, String key) {

    /** The draft leaves the length open; 255 holds a UUID, a ULID or a hash with room to spare. */
    public static final int MAX_LENGTH = 255;

    public IdempotencyKey {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(key, "key");
        String problem = problem(key);
        if (problem != null) {
            throw new InvalidUpdateException("Idempotency-Key " + problem);
        }
    }

    /** Why the value cannot be a key, or null when it can: 1..255 printable ASCII characters. */
    public static String problem(String key) {
        if (key.isEmpty() || key.length() > MAX_LENGTH) {
            return "must be 1 to " + MAX_LENGTH + " characters long";
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c < 0x20 || c > 0x7E) {
                return "must be printable ASCII";
            }
        }
        return null;
    }

    /**
     * 128 bits of SHA-256 over the scope and the key (length-prefixed, so no two pairs collide by
     * concatenation), as 22 base64url characters: what a transport remembers instead of both.
     */
    public String digest() {
        return hash(List.of(scope, key));
    }

    /**
     * What makes two requests "the same request" for a key: every field of the update as published
     * (topics, data, private, id, type, retry), hashed like {@link #digest()}. A retry has the same
     * fingerprint; the same key on another update does not (422).
     */
    public static String fingerprint(Update update) {
        Objects.requireNonNull(update, "update");
        List<String> parts = new ArrayList<>(update.topics());
        parts.add(Integer.toString(update.topics().size()));
        parts.add(update.data());
        parts.add(Boolean.toString(update.privateUpdate()));
        // null and a value never meet: a null is hashed as a part of another length than any value's.
        parts.add(update.id() == null ? "" : "=" + update.id());
        parts.add(update.type() == null ? "" : "=" + update.type());
        parts.add(update.retry() == null ? "" : "=" + update.retry());
        return hash(parts);
    }

    private static String hash(List<String> parts) {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
        for (String part : parts) {
            byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
            sha256.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
            sha256.update(bytes);
        }
        byte[] full = sha256.digest();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(full, 16));
    }
}
