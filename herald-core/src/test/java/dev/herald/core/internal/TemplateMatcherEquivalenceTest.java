package dev.herald.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The matcher's shortcuts (the literal-parts check, the pattern without its prefix matched on the rest
 * of the topic, the answer cache) answer exactly what the template's whole pattern answers.
 */
class TemplateMatcherEquivalenceTest {

    private static final String[] LITERALS = {"https://e.com/", "a", "b", "/", "/x/", ".json", "-", "?v=1", "%20", "é"};
    private static final String[] EXPRESSIONS = {"{id}", "{+p}", "{/s*}", "{.e}", "{?q}", "{&r}", "{#f}", "{a:2}",
        "{;m}", "{x,y}", "{?q,r}", "{+p*}"};
    private static final String[] PIECES = {"https://e.com/", "a", "b", "/", "x", "1", ".", "json", "-", "?q=1", "&r=2",
        "#f", ";m", "%20", "%2", ",", "=", "?v=1", "é", "?"};

    @Test
    void theMatcherAnswersWhatTheWholePatternAnswers() {
        Random random = new Random(2026);
        int matches = 0;
        for (int t = 0; t < 400; t++) {
            StringBuilder text = new StringBuilder(EXPRESSIONS[random.nextInt(EXPRESSIONS.length)]);
            for (int i = random.nextInt(4); i > 0; i--) {
                String[] kind = random.nextBoolean() ? LITERALS : EXPRESSIONS;
                if (random.nextBoolean()) {
                    text.insert(0, kind[random.nextInt(kind.length)]);
                } else {
                    text.append(kind[random.nextInt(kind.length)]);
                }
            }
            Pattern whole = TemplatePattern.compile(UriTemplate.parse(text.toString()).orElseThrow()).orElseThrow();
            TemplateMatcher matcher = TemplateMatcher.compile(text.toString()).orElseThrow();
            for (int n = 0; n < 150; n++) {
                StringBuilder topic = new StringBuilder();
                for (int p = random.nextInt(6); p > 0; p--) {
                    topic.append(PIECES[random.nextInt(PIECES.length)]);
                }
                boolean expected = wholeTriplets(topic.toString()) && whole.matcher(topic).matches();
                matches += expected ? 1 : 0;
                assertThat(matcher.matches(topic.toString()))
                        .as("%s against %s answers as its whole pattern does", topic, text)
                        .isEqualTo(expected);
            }
        }
        assertThat(matches).as("the generated topics match often enough to test something").isGreaterThan(1_000);
    }

    private static boolean wholeTriplets(String topic) {
        for (int i = topic.indexOf('%'); i >= 0; i = topic.indexOf('%', i + 1)) {
            if (!UriTemplate.isPctEncoded(topic, i)) {
                return false;
            }
        }
        return true;
    }
}
