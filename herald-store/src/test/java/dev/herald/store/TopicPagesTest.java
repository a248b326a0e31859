package dev.herald.store;

import static dev.herald.core.Acks.result;
import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.core.HistoryPage;
import dev.herald.core.LastEventId;
import dev.herald.core.PageRequest;
import dev.herald.core.RecordingListener;
import dev.herald.core.StoredUpdate;
import dev.herald.core.Update;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A replay narrowed to exact topics on the store: filtered in SQL, and each read looks at a bounded
 * window of positions, so a rare topic behind many foreign updates costs several short reads, never
 * one that walks the whole history.
 */
class TopicPagesTest {

    private static final String RARE = "https://example.com/rare";
    private static final String COMMON = "https://example.com/common";
    /** More foreign updates than one filtered read looks at (8,192 positions). */
    private static final int FOREIGN = 10_000;
    private static final PageRequest RARE_PAGES = PageRequest.defaults().onlyTopics(Set.of(RARE));

    @TempDir
    Path directory;

    private StoreTransport store;

    @BeforeEach
    void openStore() {
        store = StoreTransport.open(StoreOptions.defaults(directory).withHistorySize(2 * FOREIGN));
        store.start(new RecordingListener());
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void aRareTopicBehindManyForeignUpdatesIsReachedInSeveralBoundedReads() {
        StoredUpdate rare = appendForeignThenRare();

        HistoryPage first = result(store.readAfter(LastEventId.earliest(), RARE_PAGES));

        assertThat(first.updates()).as("the first window holds only foreign updates").isEmpty();
        assertThat(first.last()).as("an empty filtered page is not the end of the replay").isFalse();
        assertThat(first.after().sequence()).as("one read looks at a bounded window").isLessThan(FOREIGN);
        assertThat(readRest(first)).as("the next read reaches the rare update").containsExactly(rare);
    }

    @Test
    void aLongerTopicThatContainsTheRareTopicsStoredFormIsNotReplayed() {
        // Stored as "31:urn:24:https://example.com/rare": the SQL filter matches it, the exact check does not.
        Update lookalike = Update.of("urn:" + RARE.length() + ":" + RARE, "lookalike");
        result(store.append(lookalike));
        StoredUpdate rare = result(store.append(Update.of(RARE, "rare")));

        HistoryPage page = result(store.readAfter(LastEventId.earliest(), RARE_PAGES));

        assertThat(page.updates()).as("only the exact topic, not a longer one containing its encoding")
                .containsExactly(rare);
    }

    private StoredUpdate appendForeignThenRare() {
        List<CompletableFuture<StoredUpdate>> pending = new ArrayList<>();
        for (int i = 0; i < FOREIGN; i++) {
            pending.add(store.append(Update.of(COMMON, "foreign " + i)));
        }
        pending.forEach(dev.herald.core.Acks::result);
        return result(store.append(Update.of(RARE, "rare")));
    }

    private List<StoredUpdate> readRest(HistoryPage first) {
        List<StoredUpdate> replayed = new ArrayList<>();
        HistoryPage page = first;
        while (!page.last()) {
            page = result(store.readNext(page, RARE_PAGES));
            replayed.addAll(page.updates());
        }
        return replayed;
    }
}
