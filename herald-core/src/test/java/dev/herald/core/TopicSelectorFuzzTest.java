package dev.herald.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Topic selectors and URI templates come from any subscriber: whatever the text, parsing answers a
 * selector (an invalid template matches by equality), a selector matches its own text (Mercure), and
 * matching any topic answers without failing. Fuzzed by Jazzer (see docs/reliability.md).
 */
class TopicSelectorFuzzTest {

    @FuzzTest(maxDuration = "5s")
    void anySelectorTextParsesAndMatchesItselfAndAnyTopicSafely(FuzzedDataProvider input) {
        String text = input.consumeString(256);
        String topic = input.consumeRemainingAsString();

        TopicSelector selector = TopicSelector.parse(text);

        assertThat(selector.text()).as("the selector keeps its text").isEqualTo(text);
        assertThat(selector.matches(text)).as("a selector matches its own text").isTrue();
        boolean matches = selector.matches(topic);
        if (selector instanceof TopicSelector.Exact) {
            assertThat(matches).as("an exact selector matches by equality").isEqualTo(text.equals(topic));
        }
        if (selector instanceof TopicSelector.Template template) {
            if (matches) {
                assertThat(topic).as("a match starts with the template's literal prefix").startsWith(template.prefix())
                        .endsWith(template.suffix());
            }
        }
    }

    @FuzzTest(maxDuration = "5s")
    void topicTextRefusesExactlyControlFormatAndSeparatorCharacters(FuzzedDataProvider input) {
        String text = input.consumeRemainingAsString();
        boolean forbidden = text.codePoints().anyMatch(c -> {
            int type = Character.getType(c);
            return type == Character.CONTROL || type == Character.FORMAT
                    || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR;
        });

        assertThat(TopicText.problem(text).isPresent()).as("refused exactly when a forbidden code point is in %s", text)
                .isEqualTo(forbidden);
        TopicText.problem(text).ifPresent(problem -> assertThat(TopicText.problem(problem))
                .as("the reason is itself safe to log").isEmpty());
    }
}
