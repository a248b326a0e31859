package dev.herald.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
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

    @Test
    void neverRefusesATopicTheTemplatesPatternMatches() {
        String[] literals = {"https://e.com/", "a", "b", "/", "/x/", ".json", "-", "?v=1", "%20"};
        String[] expressions = {"{id}", "{+p}", "{/s*}", "{.e}", "{?q}", "{&r}", "{#f}", "{a:2}", "{;m}", "{x,y}"};
        String[] pieces = {"https://e.com/", "a", "b", "/", "x", "1", ".", "json", "-", "?q=1", "&r=2", "#f", ";m",
            "%20", ",", "=", "?v=1"};
        Random random = new Random(7);
        int matches = 0;
        for (int t = 0; t < 500; t++) {
            StringBuilder text = new StringBuilder(expressions[random.nextInt(expressions.length)]);
            for (int i = random.nextInt(4); i > 0; i--) {
                String[] kind = random.nextBoolean() ? literals : expressions;
                if (random.nextBoolean()) {
                    text.insert(0, kind[random.nextInt(kind.length)]);
                } else {
                    text.append(kind[random.nextInt(kind.length)]);
                }
            }
            UriTemplate template = UriTemplate.parse(text.toString()).orElseThrow();
            Pattern pattern = TemplatePattern.compile(template).orElseThrow();
            LiteralParts parts = LiteralParts.of(template);
            for (int n = 0; n < 200; n++) {
                StringBuilder topic = new StringBuilder();
                for (int p = random.nextInt(6); p > 0; p--) {
                    topic.append(pieces[random.nextInt(pieces.length)]);
                }
                if (pattern.matcher(topic).matches()) {
                    matches++;
                    assertThat(parts.admits(topic.toString()))
                            .as("%s matches %s, so its literal parts must admit it", topic, text)
                            .isTrue();
                }
            }
        }
        assertThat(matches).as("the generated topics match often enough to test something").isGreaterThan(1_000);
    }

    private static LiteralParts parts(String template) {
        return LiteralParts.of(UriTemplate.parse(template).orElseThrow());
    }
}
