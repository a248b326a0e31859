package dev.herald.bench.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.bench.Report;
import dev.herald.bench.internal.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FanoutResultsTest {

    @Test
    void runsThatShareLabelRateAndSubscribersBecomeOnePointAtTheirMedians() {
        FanoutResults results = FanoutResults.parse(List.of(
                fanout("herald", 100, 1000, 12_000, 40_000),
                fanout("herald", 100, 1000, 30_000, 90_000),
                fanout("herald", 100, 1000, 20_000, 50_000)));

        assertThat(results.points()).containsExactly(new LatencyPoint("herald", 100, 1000, 3, 20.0, 50.0, 0));
    }

    @Test
    void anEvenNumberOfRunsTakesTheMeanOfTheTwoMiddleOnes() {
        FanoutResults results = FanoutResults.parse(List.of(
                fanout("nchan", 10, 1000, 1_000, 9_000),
                fanout("nchan", 10, 1000, 4_000, 3_000)));

        assertThat(results.points()).containsExactly(new LatencyPoint("nchan", 10, 1000, 2, 2.5, 6.0, 0));
    }

    @Test
    void eachLabelIsASeriesOrderedBySubscribers() {
        FanoutResults results = FanoutResults.parse(List.of(
                fanout("nchan", 10, 10_000, 5_000, 9_000),
                fanout("herald", 10, 10_000, 7_000, 20_000),
                fanout("nchan", 10, 1000, 1_000, 2_000),
                fanout("herald", 10, 1000, 2_000, 4_000)));

        assertThat(results.series()).extracting(Series::name).containsExactly("herald", "nchan");
        assertThat(results.series().get(1).points()).extracting(LatencyPoint::subscribers).containsExactly(1000, 10_000);
    }

    @Test
    void severalRatesMakeOneSeriesPerLabelAndRate() {
        FanoutResults results = FanoutResults.parse(List.of(
                fanout("herald", 100, 1000, 2_000, 4_000),
                fanout("herald", 10, 1000, 1_000, 3_000),
                fanout("nchan", 10, 1000, 1_000, 2_000)));

        assertThat(results.series()).extracting(Series::name)
                .containsExactly("herald @ 10/s", "herald @ 100/s", "nchan @ 10/s");
    }

    @Test
    void otherScenariosAndRunsWithoutLatencySamplesAreSkipped() {
        FanoutResults results = FanoutResults.parse(List.of(
                report("idle", "herald", null, 10_000, new Report.Latency(0, 0, 0, 0, 0, 0), 0),
                report("fanout", "herald", 10.0, 100, new Report.Latency(0, 0, 0, 0, 0, 0), 5000),
                "",
                fanout("herald", 10, 100, 1_000, 2_000)));

        assertThat(results.points()).hasSize(1);
        assertThat(results.skipped()).as("the idle run and the run without samples; blank lines do not count").isEqualTo(2);
    }

    @Test
    void lossIsSummedOverTheRunsOfAPoint() {
        FanoutResults results = FanoutResults.parse(List.of(
                report("fanout", "nchan", 1000.0, 1000, latency(1_000, 2_000), 30),
                report("fanout", "nchan", 1000.0, 1000, latency(1_000, 2_000), 12)));

        assertThat(results.points().get(0).lost()).isEqualTo(42);
    }

    @Test
    void linesWrittenBeforeLabelsExistedAreToldApartByTheirUrl() {
        String withoutLabel = "{\"scenario\":\"fanout\",\"parameters\":{\"url\":\"http://127.0.0.1:8090\",\"rate\":10.0,"
                + "\"subscribers\":100},\"latency\":{\"count\":900,\"p50\":1500,\"p99\":3000}}";

        FanoutResults results = FanoutResults.parse(List.of(withoutLabel));

        assertThat(results.points()).extracting(LatencyPoint::label).containsExactly("http://127.0.0.1:8090");
    }

    @Test
    void aLineThatIsNotJsonIsReportedByItsNumber() {
        List<String> lines = List.of(fanout("herald", 10, 100, 1_000, 2_000), "herald-bench fanout: a table line");

        assertThatThrownBy(() -> FanoutResults.parse(lines))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("line 2: not a --json-out line");
    }

    @Test
    void theTableHasOneAlignedRowPerPoint() {
        FanoutResults results = FanoutResults.parse(List.of(
                fanout("herald", 100, 1000, 12_345, 47_100),
                fanout("nchan", 100, 10_000, 800, 2_000)));

        assertThat(results.table().lines()).containsExactly(
                "label     rate/s  subscribers  runs      p50 ms      p99 ms      lost",
                "herald       100         1000     1        12.3        47.1         0",
                "nchan        100        10000     1         0.8           2         0");
    }

    @Test
    void theMedianOfNothingIsRefused() {
        assertThatThrownBy(() -> FanoutResults.median(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    /** A fan-out run with latencies in µs and nothing lost, as {@code --json-out} writes it. */
    private static String fanout(String label, double rate, int subscribers, long p50Micros, long p99Micros) {
        return report("fanout", label, rate, subscribers, latency(p50Micros, p99Micros), 0);
    }

    private static Report.Latency latency(long p50Micros, long p99Micros) {
        return new Report.Latency(1000, p50Micros, p99Micros, p99Micros, p99Micros, p99Micros);
    }

    /** The real report type written by the real writer, so the test reads what the tool writes. */
    private static String report(String scenario, String label, Double rate, int subscribers, Report.Latency latency,
            long lost) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("label", label);
        parameters.put("url", "http://127.0.0.1:18700");
        parameters.put("subscribers", subscribers);
        if (rate != null) {
            parameters.put("rate", rate);
        }
        return Json.line(new Report(scenario, "2026-11-26T10:00:00Z", "abc1234", parameters, 10,
                new Report.Subscribers(subscribers, subscribers, 0, 0, Map.of()),
                new Report.Publishing(0, 0, 0, 0, 0, 0, Map.of()),
                new Report.Deliveries(0, 0, lost, 0, 0, 0, 0, 0, 0), latency,
                new Report.Latency(0, 0, 0, 0, 0, 0), null, new Report.Tool(1, 0, 0, null, null), null));
    }
}
