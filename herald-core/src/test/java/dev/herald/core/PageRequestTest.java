package dev.herald.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PageRequestTest {

    @Test
    void firstPageIsShortAndKeepsTheOtherLimits() {
        PageRequest pages = new PageRequest(512, 4_096, Set.of("a"));

        assertThat(pages.firstPage()).isEqualTo(new PageRequest(PageRequest.FIRST_PAGE_MAX_UPDATES, 4_096, Set.of("a")));
    }

    @Test
    void firstPageOfSmallPagesIsThePageItself() {
        PageRequest pages = new PageRequest(8, 4_096, Set.of());

        assertThat(pages.firstPage()).isSameAs(pages);
    }

    @Test
    void filteredRequestWantsOnlyUpdatesWithOneOfItsTopics() {
        PageRequest pages = PageRequest.defaults().onlyTopics(Set.of("a", "b"));

        assertThat(pages.wants(new Update(null, List.of("x", "b"), "d", false, null, null))).isTrue();
        assertThat(pages.wants(Update.of("x", "d"))).isFalse();
        assertThat(PageRequest.defaults().wants(Update.of("x", "d"))).isTrue();
    }

    @Test
    void aPageAlwaysTakesItsFirstUpdateHoweverLarge() {
        PageRequest pages = new PageRequest(10, 100, Set.of());

        assertThat(pages.full(0, 0, 1_000)).isFalse();
        assertThat(pages.full(1, 50, 51)).isTrue();
        assertThat(pages.full(10, 0, 1)).isTrue();
    }

    @Test
    void limitsMustBePositive() {
        assertThatIllegalArgumentException().isThrownBy(() -> new PageRequest(0, 1, Set.of()));
        assertThatIllegalArgumentException().isThrownBy(() -> new PageRequest(1, 0, Set.of()));
    }
}
