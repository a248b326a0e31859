package dev.herald.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.bench.internal.Attack;
import dev.herald.bench.internal.ProcStats;
import dev.herald.bench.internal.PublishResult;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** The hub's figures are differences and quotients of what /proc and jcmd said: checked on known numbers. */
class ReportBuilderTest {

    private static final long PUBLISHES = 400;

    private static PublishResult published(long acked) {
        return new PublishResult(acked, acked, acked, 0, Map.of(), 0, new long[] {acked}, 0, 1_000_000_000L,
                1_000_000_000L, new Histogram(1000, 3));
    }

    private static ReportBuilder builder() {
        BenchOptions options = BenchOptions.builder(Scenario.FANOUT).url(URI.create("http://127.0.0.1:1")).build();
        return new ReportBuilder(options, Instant.parse("2026-12-03T10:00:00Z"), 1)
                .server(4242, new ProcStats(100_000, 0), new ProcStats(110_000, 2_000_000), new ProcStats(150_000, 6_000_000))
                .phase(10_000_000_000L, 0);
    }

    @Test
    void theHubsCpuPerPublishIsItsCpuInThePhaseOverTheAcknowledgedPublishes() {
        Report report = builder().build(published(PUBLISHES), List.of(), 0);

        assertThat(report.server().cpuMicros()).as("6 s - 2 s of CPU in the phase").isEqualTo(4_000_000);
        assertThat(report.server().cpuMicrosPerPublish()).as("4 s over 400 publishes").isEqualTo(10_000.0);
    }

    @Test
    void theHubsCpuPerPublishAfterTheWarmUpCountsOnlyTheCpuAndPublishesAfterIt() {
        PublishResult published = new PublishResult(PUBLISHES, PUBLISHES, 100, 0, Map.of(), 0, new long[] {PUBLISHES}, 0,
                1_000_000_000L, 500_000_000L, new Histogram(1000, 3));

        Report report = builder().serverAfterWarmup(new ProcStats(140_000, 5_000_000)).build(published, List.of(), 0);

        assertThat(report.server().cpuMicrosPerPublishAfterWarmup())
                .as("6 s - 5 s of CPU after the warm-up over the 100 publishes sent after it").isEqualTo(10_000.0);
        assertThat(report.server().cpuMicrosPerPublish()).as("the whole phase's figure is unchanged").isEqualTo(10_000.0);
    }

    @Test
    void aWarmUpThatDidNotEndGivesNoCpuPerPublishAfterIt() {
        Report report = builder().build(published(PUBLISHES), List.of(), 0);

        assertThat(report.server().cpuMicrosPerPublishAfterWarmup()).isNull();
    }

    @Test
    void noPublishesGiveNoCpuPerPublish() {
        Report report = builder().build(published(0), List.of(), 0);

        assertThat(report.server().cpuMicrosPerPublish()).isNull();
    }

    @Test
    void theLiveHeapPerTemplateStreamCountsOnlyTheStreamsTheHubOpened() {
        Attack.AttackResult attack = new Attack.AttackResult(0, Map.of(), 0, 300,
                Map.of("HTTP 200", 200L, "HTTP 429", 100L), 0);

        Report report = builder().serverMemory(160_000L, 10_000_000L, 30_480_000L).attack(attack, 110_000L)
                .build(published(PUBLISHES), List.of(), 0);

        assertThat(report.attack().liveHeapPerTemplateStreamBytes())
                .as("20,480,000 more live bytes over the 200 streams answered 200, not the 300 asked for")
                .isEqualTo(102_400.0);
        assertThat(report.attack().rssBeforeKb()).isEqualTo(110_000L);
        assertThat(report.server().rssPeakKb()).isEqualTo(160_000L);
    }

    @Test
    void withoutTheLiveHeapThereIsNoHeapPerStream() {
        Attack.AttackResult attack = new Attack.AttackResult(0, Map.of(), 0, 3, Map.of("HTTP 200", 3L), 0);

        Report report = builder().attack(attack, 110_000L).build(published(PUBLISHES), List.of(), 0);

        assertThat(report.attack().liveHeapPerTemplateStreamBytes()).isNull();
    }
}
