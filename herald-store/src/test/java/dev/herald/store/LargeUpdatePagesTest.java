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
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A page's rows are read as one concatenated value only while it stays small (1 MiB); pages of large
 * updates are read row by row. Either way a replay returns every update once, in order, and no page
 * holds more than its request allows.
 */
class LargeUpdatePagesTest {

    private static final String TOPIC = "https://example.com/large";

    @TempDir
    Path directory;

    private StoreTransport store;

    @BeforeEach
    void openStore() {
        store = StoreTransport.open(StoreOptions.defaults(directory));
        store.start(new RecordingListener());
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void largeUpdatesBetweenSmallOnesReplayCompletelyInBoundedPages() {
        List<StoredUpdate> appended = new ArrayList<>();
        appended.addAll(append(300, 100));
        appended.addAll(append(600, 4_096)); // 512 of them are 2 MiB: too large to concatenate
        appended.addAll(append(300, 100));

        List<HistoryPage> pages = replay(PageRequest.defaults());

        assertThat(pages.stream().flatMap(page -> page.updates().stream()).toList()).isEqualTo(appended);
        assertThat(pages).allSatisfy(page -> assertThat(dataChars(page))
                .as("a page holds at most its byte limit, or one update")
                .satisfiesAnyOf(chars -> assertThat(chars).isLessThanOrEqualTo(PageRequest.DEFAULT_MAX_BYTES),
                        chars -> assertThat(page.updates()).hasSize(1)));
    }

    @Test
    void anUpdateLargerThanTheConcatenationLimitIsReplayed() {
        List<StoredUpdate> appended = new ArrayList<>(append(2, 100));
        appended.addAll(append(1, 1_500_000));
        appended.addAll(append(2, 100));

        List<HistoryPage> pages = replay(PageRequest.defaults());

        assertThat(pages.stream().flatMap(page -> page.updates().stream()).toList()).isEqualTo(appended);
    }

    private List<StoredUpdate> append(int count, int dataChars) {
        List<CompletableFuture<StoredUpdate>> pending = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String prefix = dataChars + "/" + i + " ";
            pending.add(store.append(Update.of(TOPIC, prefix + "x".repeat(Math.max(0, dataChars - prefix.length())))));
        }
        return pending.stream().map(dev.herald.core.Acks::result).toList();
    }

    private List<HistoryPage> replay(PageRequest request) {
        List<HistoryPage> pages = new ArrayList<>();
        HistoryPage page = result(store.readAfter(LastEventId.earliest(), request));
        pages.add(page);
        while (!page.last()) {
            page = result(store.readNext(page, request));
            pages.add(page);
        }
        return pages;
    }

    private static long dataChars(HistoryPage page) {
        return page.updates().stream().mapToLong(stored -> stored.update().data().length()).sum();
    }
}
