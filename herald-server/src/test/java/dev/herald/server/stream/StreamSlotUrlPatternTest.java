package dev.herald.server.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.core.TemplateRegistry;
import dev.herald.core.TopicSelector;
import dev.herald.server.http.HttpException;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Draft-08 URL patterns taken by a stream slot: compiled once and shared, counted with the templates
 * against the per-stream, per-address and per-node caps, an invalid one refused with 400 and its reason.
 */
class StreamSlotUrlPatternTest {

    private static final String HUB = "https://example.com/.well-known/mercure";
    private static final InetSocketAddress ALICE = new InetSocketAddress("127.0.0.2", 40_000);
    private static final InetSocketAddress BOB = new InetSocketAddress("127.0.0.3", 40_000);

    private final TemplateRegistry registry = new TemplateRegistry();
    /** 10 streams, 2 per address; 3 templates or patterns per stream, 4 per address, 6 per node. */
    private final StreamAdmission admission = new StreamAdmission(new StreamAdmission.Limits(10, 2, 3, 4, 6), registry,
            StreamMetrics.NONE);

    @Test
    void patternsBecomeSharedSelectorsBesideTopics() {
        List<TopicSelector> first = admission.admit(ALICE).selectors(List.of("https://example.com/a"),
                List.of("https://example.com/books/:id"), HUB);
        List<TopicSelector> second = admission.admit(BOB).selectors(List.of(), List.of("https://example.com/books/:id"), HUB);

        assertThat(first.get(0)).isEqualTo(new TopicSelector.Exact("https://example.com/a"));
        assertThat(first.get(1).matches("https://example.com/books/1")).isTrue();
        assertThat(second.get(0)).as("one compiled pattern for every stream naming it").isSameAs(first.get(1));
        assertThat(registry.urlPatternCount()).isEqualTo(1);
    }

    @Test
    void starAmongPatternsIsTheWildcardAndCountsForNothing() {
        List<TopicSelector> selectors = admission.admit(ALICE).selectors(List.of(),
                List.of("*", "https://example.com/1/*", "https://example.com/2/*", "https://example.com/3/*"), HUB);

        assertThat(selectors.get(0)).isSameAs(TopicSelector.Any.INSTANCE);
        assertThat(registry.urlPatternCount()).isEqualTo(3);
    }

    @Test
    void patternsAndTemplatesTogetherBeyondTheStreamCapGet400AndNothingIsCompiled() {
        StreamSlot slot = admission.admit(ALICE);

        assertThatThrownBy(() -> slot.selectors(List.of("https://example.com/{a}", "https://example.com/{b}"),
                List.of("https://example.com/c/*", "https://example.com/d/*"), HUB))
                .isInstanceOfSatisfying(HttpException.class, refused -> {
                    assertThat(refused.status().code()).isEqualTo(400);
                    assertThat(refused.getMessage()).isEqualTo("too many URI template or URL pattern selectors: at "
                            + "most 3 per stream (--max-templates-per-stream), exact topics are not limited by this");
                });
        assertThat(registry.size() + registry.urlPatternCount()).as("a refused stream costs no compilation").isZero();
    }

    @Test
    void patternsCountAgainstTheAddressCapAndAreGivenBackOnRelease() {
        StreamSlot first = admission.admit(ALICE);
        first.selectors(List.of(), List.of("https://example.com/1/*", "https://example.com/2/*", "https://example.com/3/*"), HUB);
        StreamSlot second = admission.admit(ALICE);

        assertThatThrownBy(() -> second.selectors(List.of(), List.of("https://example.com/4/*", "https://example.com/5/*"), HUB))
                .isInstanceOfSatisfying(HttpException.class, refused -> assertThat(refused.status().code()).isEqualTo(429));
        second.release();
        first.release();

        assertThat(admission.templatesHeld()).as("the node counts nothing once the streams are gone").isZero();
        assertThat(registry.urlPatternCount()).as("and holds no compiled pattern").isZero();
    }

    @Test
    void invalidPatternGets400WithTheReasonAndTheSlotGivesEverythingBack() {
        StreamSlot slot = admission.admit(ALICE);

        assertThatThrownBy(() -> slot.selectors(List.of("https://example.com/{a}"),
                List.of("https://example.com/ok/*", "https://example.com/:id/:id"), HUB))
                .isInstanceOfSatisfying(HttpException.class, refused -> {
                    assertThat(refused.status().code()).isEqualTo(400);
                    assertThat(refused.getMessage()).isEqualTo("invalid URL pattern: the group name 'id' is used twice");
                });
        slot.release();

        assertThat(registry.size() + registry.urlPatternCount()).as("what was taken before the refusal is given back")
                .isZero();
        assertThat(admission.templatesHeld()).isZero();
    }
}
