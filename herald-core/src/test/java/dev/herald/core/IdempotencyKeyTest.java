package dev.herald.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class IdempotencyKeyTest {

    @Test
    void aKeyIsOneTo255PrintableAsciiCharacters() {
        assertThat(new IdempotencyKey("p", "8e03978e-40d5-43e8-bc93-6894a57f9324").key()).hasSize(36);
        assertThat(new IdempotencyKey("p", "x".repeat(255)).key()).hasSize(255);
        for (String bad : List.of("", "x".repeat(256), "caf\u00e9", "a\tb", "a\nb")) {
            assertThatThrownBy(() -> new IdempotencyKey("p", bad)).as("'%s' is no key", bad)
                    .isInstanceOf(InvalidUpdateException.class);
        }
    }

    @Test
    void theDigestDependsOnScopeAndKeyAndIsFixedSize() {
        String digest = new IdempotencyKey("ab", "c").digest();

        assertThat(digest).hasSize(22).isEqualTo(new IdempotencyKey("ab", "c").digest());
        assertThat(new IdempotencyKey("a", "bc").digest()).as("scope and key cannot trade characters")
                .isNotEqualTo(digest);
        assertThat(new IdempotencyKey("ab", "d").digest()).isNotEqualTo(digest);
    }

    @Test
    void theFingerprintIgnoresNothingThePublisherSent() {
        Update update = new Update(null, List.of("a", "b"), "x", false, null, null);

        assertThat(IdempotencyKey.fingerprint(update)).isEqualTo(IdempotencyKey.fingerprint(
                new Update(null, List.of("a", "b"), "x", false, null, null)));
        assertThat(IdempotencyKey.fingerprint(update)).as("topics are not joined ambiguously")
                .isNotEqualTo(IdempotencyKey.fingerprint(new Update(null, List.of("ab"), "x", false, null, null)));
    }
}
