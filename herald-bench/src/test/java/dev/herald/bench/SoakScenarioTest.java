package dev.herald.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The short soak of issue 17, as {@code ./bench soak --duration 60s} runs it: a hub of its own on the
 * durable store, a minute of publishes to public and private topics with keepers, cyclers resuming with
 * their Last-Event-ID, stallers cut as slow consumers and fresh subscriptions churning. About 90 s on
 * an idle 2-core machine, up to twice that on a loaded one; sized (34 readers, 50 publishes/s) to stay
 * well inside what that machine serves while the rest of the suite runs. What a short run can and
 * cannot catch is in {@link SoakVerdict}.
 */
class SoakScenarioTest {

    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES) // a guard only: every wait of the soak is bounded by itself
    void aMinuteOfMixedLoadLeavesTheHubFlatAndEveryReaderThatKeptUpComplete(@TempDir Path work) throws Exception {
        SoakReport report = Soak.run(SoakOptions.builder(Duration.ofSeconds(60)).workDir(work).build());

        assertThat(report.verdict().failures()).as("the soak's verdict:%n%s", report.table()).isEmpty();
        assertThat(report.pass()).isTrue();
        assertThat(report.verdict().series()).as("every series judged").hasSize(SoakSeries.values().length);
    }
}
