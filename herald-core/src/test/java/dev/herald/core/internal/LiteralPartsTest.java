package dev.herald.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The literal text every expansion of a template contains, and the cheap check built on it. */
class LiteralPartsTest {

    @Test
    void splitsATemplateIntoPrefixMiddleAndSuffix() {
        assertThat(parts("https://example.com/{a}/x/{b}/y{c}.json"))
                .isEqualTo(new LiteralParts("https://example.com/", List.of("/x/", "/y"), ".json"));
    }

    @Test
    void aTemplateStartingOrEndingWithAnExpressionHasAnEmptyPrefixOrSuffix() {
        assertThat(parts("{scheme}://example.com/{id}")).isEqualTo(new LiteralParts("", List.of("://example.com/"), ""));
        assertThat(parts("{a}{b}")).isEqualTo(new LiteralParts("", List.of(), ""));
    }

    @Test
    void admitsATopicHoldingTheLiteralsInOrder() {
        LiteralParts parts = parts("https://example.com/{a}/x/{b}/y{c}.json");

        assertThat(parts.admits("https://example.com/1/x/2/y3.json")).isTrue();
        assertThat(parts.admits("https://example.com//x//y.json")).as("expressions may expand to nothing").isTrue();
    }

    @Test
    void refusesATopicWithoutThePrefixTheSuffixOrAMiddlePiece() {
        LiteralParts parts = parts("https://example.com/{a}/x/{b}/y{c}.json");

        assertThat(parts.admits("https://example.org/1/x/2/y3.json")).as("wrong prefix").isFalse();
        assertThat(parts.admits("https://example.com/1/x/2/y3.xml")).as("wrong suffix").isFalse();
        assertThat(parts.admits("https://example.com/1/2/y3.json")).as("a middle piece missing").isFalse();
        assertThat(parts.admits("https://example.com/1/y/2/x3.json")).as("middle pieces out of order").isFalse();
    }

    @Test
    void refusesATopicWherePrefixAndSuffixWouldOverlap() {
        LiteralParts parts = parts("ab{x}ba");

        assertThat(parts.admits("aba")).as("the prefix and the suffix need their own characters").isFalse();
        assertThat(parts.admits("abba")).isTrue();
    }

    private static LiteralParts parts(String template) {
        return LiteralParts.of(UriTemplate.parse(template).orElseThrow());
    }
}
