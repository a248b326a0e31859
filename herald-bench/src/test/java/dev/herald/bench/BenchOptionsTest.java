package dev.herald.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {

    @Test
    void refusesANonLoopbackHub() {
        BenchOptions options = BenchOptions.builder(Scenario.FANOUT).url(URI.create("http://10.1.2.3:8080")).build();

        assertThatThrownBy(() -> Bench.run(options)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void publishersGoToThePublishUrlWhenGivenAndToTheHubOtherwise() {
        BenchOptions crossNode = BenchOptions.builder(Scenario.FANOUT).url(URI.create("http://127.0.0.1:8081"))
                .publishUrl(URI.create("http://127.0.0.1:8082")).build();
        BenchOptions oneNode = BenchOptions.builder(Scenario.FANOUT).url(URI.create("http://127.0.0.1:8081")).build();

        assertThat(crossNode.effectivePublishUrl()).isEqualTo(URI.create("http://127.0.0.1:8082"));
        assertThat(crossNode.publishPort()).isEqualTo(8082);
        assertThat(oneNode.publishPort()).isEqualTo(8081);
    }

    @Test
    void refusesANonLoopbackPublishHub() {
        BenchOptions options = BenchOptions.builder(Scenario.FANOUT).publishUrl(URI.create("http://10.1.2.3:8080"))
                .subscribers(1).duration(java.time.Duration.ofSeconds(1)).build();

        assertThatThrownBy(() -> Bench.run(options)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void usesOneWorkerPer15000Subscribers() {
        assertThat(BenchOptions.builder(Scenario.IDLE).subscribers(15_000).build().effectiveWorkers()).isEqualTo(1);
        assertThat(BenchOptions.builder(Scenario.IDLE).subscribers(15_001).build().effectiveWorkers()).isEqualTo(2);
        assertThat(BenchOptions.builder(Scenario.IDLE).subscribers(40_000).build().effectiveWorkers()).isEqualTo(3);
    }

    @Test
    void theDemoApiHasOneTopic() {
        assertThatThrownBy(() -> BenchOptions.builder(Scenario.MIXED).api(Api.DEMO).topics(10).build())
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void onlyMercureSubscriptionsNameSeveralTopics() {
        assertThatThrownBy(() -> BenchOptions.builder(Scenario.MIXED).api(Api.RAW).topics(10).topicsPerSubscriber(2).build())
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyRunHasAHardDeadlineBeyondItsPhases() {
        BenchOptions options = BenchOptions.builder(Scenario.FANOUT).build();

        assertThat(options.hardDeadline()).isGreaterThan(options.duration().plus(options.connectTimeout()));
    }

    @Test
    void aRunIsLabelledHeraldUnlessItMeasuresAnotherServerThroughTheRawApi() {
        BenchOptions mercure = BenchOptions.builder(Scenario.FANOUT).build();
        BenchOptions raw = BenchOptions.builder(Scenario.FANOUT).api(Api.RAW).url(URI.create("http://127.0.0.1:8090")).build();
        BenchOptions named = BenchOptions.builder(Scenario.FANOUT).api(Api.RAW).label("nchan").build();

        assertThat(mercure.effectiveLabel()).isEqualTo("herald");
        assertThat(raw.effectiveLabel()).as("another server is named by its address").isEqualTo("127.0.0.1:8090");
        assertThat(named.effectiveLabel()).as("a given label wins").isEqualTo("nchan");
    }

    @Test
    void refusesALabelThatWouldBreakALineOrALegend() {
        assertThatThrownBy(() -> BenchOptions.builder(Scenario.FANOUT).label("a\nb").build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BenchOptions.builder(Scenario.FANOUT).label(" ").build())
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aFillPublishesAtLeastOneUpdate() {
        assertThatThrownBy(() -> BenchOptions.builder(Scenario.FILL).count(0).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fill count");
    }

    @Test
    void theLiveHeapIsReadOnlyFromAGivenHub() {
        assertThatThrownBy(() -> BenchOptions.builder(Scenario.FANOUT).liveHeap(true).build())
                .as("without --server-pid there is no JVM to ask").isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theAttacksSpeakMercure() {
        AttackOptions nonReaders = new AttackOptions(1, AttackOptions.DEFAULT_NON_READER_QUERY, 0, 1,
                AttackOptions.DEFAULT_TEMPLATE_FORMAT, 1);

        assertThatThrownBy(() -> BenchOptions.builder(Scenario.FANOUT).api(Api.DEMO).attack(nonReaders).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Mercure");
    }

    @Test
    void anAttackGivesTheRunTimeToSettle() {
        AttackOptions nonReaders = new AttackOptions(1, AttackOptions.DEFAULT_NON_READER_QUERY, 0, 1,
                AttackOptions.DEFAULT_TEMPLATE_FORMAT, 1);
        BenchOptions plain = BenchOptions.builder(Scenario.FANOUT).build();
        BenchOptions attacked = BenchOptions.builder(Scenario.FANOUT).attack(nonReaders).build();

        assertThat(attacked.hardDeadline()).isGreaterThan(plain.hardDeadline());
    }
}
