package dev.herald.client;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What a hub refuses with 400 is refused before it is sent. */
class PublicationTest {

    @Test
    void anUpdateNeedsATopic() {
        assertThatThrownBy(() -> Publication.of("t", "x").withTopics(List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one topic");
    }

    @Test
    void anIdOrTypeWithALineBreakCouldForgeFieldsAndIsRefused() {
        assertThatThrownBy(() -> Publication.of("t", "x").withId("a\nevent: forged"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("id must not contain CR, LF or NUL");
        assertThatThrownBy(() -> Publication.of("t", "x").withType("a\rb"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("type must not contain CR, LF or NUL");
    }

    @Test
    void anIdStartingWithHashIsReservedByMercure() {
        assertThatThrownBy(() -> Publication.of("t", "x").withId("#1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'#'");
    }
}
