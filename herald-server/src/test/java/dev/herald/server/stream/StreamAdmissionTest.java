package dev.herald.server.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.core.TemplateRegistry;
import dev.herald.core.TopicSelector;
import dev.herald.server.http.HttpException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Stream slots are taken before templates are compiled; templates are capped per stream, per address and per node. */
class StreamAdmissionTest {

    private static final InetSocketAddress ALICE = new InetSocketAddress("127.0.0.2", 40_000);
    private static final InetSocketAddress ALICE_OTHER_PORT = new InetSocketAddress("127.0.0.2", 40_001);
    private static final InetSocketAddress BOB = new InetSocketAddress("127.0.0.3", 40_000);
    private static final InetSocketAddress CAROL = new InetSocketAddress("127.0.0.4", 40_000);

    private final TemplateRegistry registry = new TemplateRegistry();
    private final StreamAdmission admission = new StreamAdmission(new StreamAdmission.Limits(10, 2, 3, 4, 6), registry,
            StreamMetrics.NONE);

    @Test
    void theStreamBeyondTheNodesLimitGets503WithRetryAfter() {
        StreamAdmission small = new StreamAdmission(new StreamAdmission.Limits(1, 0, 3, 0, 0), registry, StreamMetrics.NONE);
        small.admit(ALICE);

        assertThatThrownBy(() -> small.admit(BOB)).isInstanceOfSatisfying(HttpException.class, refused -> {
            assertThat(refused.status().code()).isEqualTo(503);
            assertThat(refused.retryAfterSeconds()).isEqualTo(StreamAdmission.RETRY_AFTER_SECONDS);
            assertThat(refused.getMessage()).contains("maximum of 1 streams (--max-streams)");
        });
    }

    @Test
    void theStreamBeyondAnAddressesLimitGets429WhileAnotherAddressGetsIn() {
        admission.admit(ALICE);
        admission.admit(ALICE_OTHER_PORT);

        assertThatThrownBy(() -> admission.admit(ALICE)).isInstanceOfSatisfying(HttpException.class, refused -> {
            assertThat(refused.status().code()).isEqualTo(429);
            assertThat(refused.retryAfterSeconds()).isEqualTo(StreamAdmission.RETRY_AFTER_SECONDS);
            assertThat(refused.getMessage()).contains("maximum of 2 streams (--max-streams-per-address)");
        });
        assertThat(admission.admit(BOB)).as("another address still gets a slot").isNotNull();
        assertThat(admission.openStreams()).isEqualTo(3);
    }

    @Test
    void aReleasedSlotFreesItsPlaceOnceHoweverOftenItIsReleased() {
        StreamSlot first = admission.admit(ALICE);
        admission.admit(ALICE);

        first.release();
        first.release();

        assertThat(admission.openStreams()).isEqualTo(1);
        assertThat(admission.admit(ALICE)).as("the address has room again").isNotNull();
        assertThatThrownBy(() -> admission.admit(ALICE)).as("but only for one stream").isInstanceOf(HttpException.class);
    }

    @Test
    void aStreamNamingMoreTemplatesThanItsCapGets400AndNothingIsCompiled() {
        StreamSlot slot = admission.admit(ALICE);

        assertThatThrownBy(() -> slot.selectors(templates("a", 4))).isInstanceOfSatisfying(HttpException.class, refused -> {
            assertThat(refused.status().code()).isEqualTo(400);
            assertThat(refused.getMessage()).contains("at most 3 per stream (--max-templates-per-stream)");
        });
        assertThat(registry.size()).as("a refused stream costs no compilation").isZero();
    }

    @Test
    void exactTopicsAndRepeatedTemplatesDoNotCountAgainstTheTemplateCap() {
        List<String> texts = new ArrayList<>(templates("a", 3));
        texts.addAll(texts);
        for (int i = 0; i < 20; i++) {
            texts.add("https://example.com/exact/" + i);
        }

        List<TopicSelector> selectors = admission.admit(ALICE).selectors(texts);

        assertThat(selectors).hasSize(texts.size());
        assertThat(selectors.get(0)).isSameAs(selectors.get(3)).isInstanceOf(TopicSelector.Template.class);
        assertThat(selectors.get(6)).isInstanceOf(TopicSelector.Exact.class);
    }

    @Test
    void anAddressAddingDistinctTemplatesBeyondItsCapGets429AndNothingIsCompiled() {
        admission.admit(ALICE).selectors(templates("a", 3));
        StreamSlot second = admission.admit(ALICE);

        assertThatThrownBy(() -> second.selectors(templates("b", 2))).isInstanceOfSatisfying(HttpException.class, refused -> {
            assertThat(refused.status().code()).isEqualTo(429);
            assertThat(refused.retryAfterSeconds()).isEqualTo(StreamAdmission.RETRY_AFTER_SECONDS);
            assertThat(refused.getMessage()).contains("beyond the maximum of 4 (--max-templates-per-address)");
        });
        assertThat(registry.size()).as("only the first stream's templates were compiled").isEqualTo(3);
    }

    @Test
    void templatesAnAddressAlreadyHoldsCostItNothingMore() {
        admission.admit(ALICE).selectors(templates("a", 3));

        admission.admit(ALICE).selectors(templates("a", 3));

        assertThat(admission.templatesHeldBy(ALICE)).isEqualTo(3);
        assertThat(registry.holders("https://example.com/a/0/{id}")).as("one compiled template, two holders").isEqualTo(2);
    }

    @Test
    void anotherAddressHasItsOwnTemplateCap() {
        admission.admit(ALICE).selectors(templates("a", 3));

        admission.admit(BOB).selectors(templates("b", 3));

        assertThat(admission.templatesHeldBy(BOB)).isEqualTo(3);
        assertThat(registry.size()).isEqualTo(6);
    }

    @Test
    void releasingTheLastHolderForgetsTheTemplateEverywhere() {
        StreamSlot first = admission.admit(ALICE);
        first.selectors(templates("a", 3));
        StreamSlot second = admission.admit(BOB);
        second.selectors(templates("a", 3));

        first.release();
        assertThat(registry.size()).as("BOB still holds the three templates").isEqualTo(3);
        assertThat(admission.templatesHeldBy(ALICE)).isZero();
        second.release();

        assertThat(registry.size()).isZero();
        assertThat(admission.openStreams()).isZero();
    }

    @Test
    void distinctTemplatesBeyondTheNodesCapGet503WhateverTheAddressAndNothingIsCompiled() {
        admission.admit(ALICE).selectors(templates("a", 3));
        admission.admit(BOB).selectors(templates("b", 3));
        StreamSlot third = admission.admit(CAROL);

        assertThatThrownBy(() -> third.selectors(templates("c", 1))).isInstanceOfSatisfying(HttpException.class, refused -> {
            assertThat(refused.status().code()).as("the node is full, not the client's fault").isEqualTo(503);
            assertThat(refused.retryAfterSeconds()).isEqualTo(StreamAdmission.RETRY_AFTER_SECONDS);
            assertThat(refused.getMessage()).contains("beyond the maximum of 6 (--max-templates)");
        });
        assertThat(registry.size()).as("the refused template was not compiled").isEqualTo(6);
    }

    @Test
    void templatesTheNodeAlreadyHoldsAreSharedBeyondItsCap() {
        admission.admit(ALICE).selectors(templates("a", 3));
        admission.admit(BOB).selectors(templates("b", 3));

        admission.admit(CAROL).selectors(templates("a", 3));

        assertThat(admission.templatesHeld()).isEqualTo(6);
    }

    @Test
    void aReleasedStreamGivesItsTemplatesBackToTheNode() {
        StreamSlot first = admission.admit(ALICE);
        first.selectors(templates("a", 3));
        admission.admit(BOB).selectors(templates("b", 3));

        first.release();
        admission.admit(CAROL).selectors(templates("c", 3));

        assertThat(admission.templatesHeld()).isEqualTo(6);
    }

    @Test
    void aTextWithABraceThatIsNotATemplateCountsAndMatchesByEquality() {
        List<TopicSelector> selectors = admission.admit(ALICE).selectors(List.of("https://example.com/{broken"));

        assertThat(selectors).containsExactly(new TopicSelector.Exact("https://example.com/{broken"));
        assertThat(admission.templatesHeldBy(ALICE)).isEqualTo(1);
    }

    private static List<String> templates(String group, int count) {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            texts.add("https://example.com/" + group + "/" + i + "/{id}");
        }
        return texts;
    }
}
