package dev.herald.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.bench.internal.RoleTally;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The soak's load checks: what counts as lost, duplicated, leaked, refused, and as load that happened. */
class SoakChecksTest {

    private static final SoakOptions OPTIONS = SoakOptions.builder(Duration.ofSeconds(60)).build();
    private static final SoakReport.Publishing PUBLISHED = new SoakReport.Publishing(3000, 3000, 0, Map.of(), 0,
            new long[] {375, 375}, 1000);
    private static final SoakReport.Hub HUB = new SoakReport.Hub(1, "http://127.0.0.1:1", true, 0, Map.of(), 0, 0, 0.5, 0, null);
    private static final Map<String, Long> CUTS = Map.of(SoakChecks.SLOW_CONSUMER, 12L);

    @Test
    void aCleanRunPassesEveryCheck() {
        List<SoakVerdict.Check> checks = SoakChecks.of(OPTIONS, roles(reader("keeper", 0, 0, 0), reader("cycler", 0, 0, 0),
                reader("staller", 0, 0, 0)), PUBLISHED, CUTS, HUB);

        assertThat(checks).allSatisfy(check -> assertThat(check.pass()).as(check.name() + ": " + check.detail()).isTrue());
    }

    @Test
    void aCyclerThatMissedAnUpdateFailsTheRun() {
        assertThat(failed(SoakChecks.of(OPTIONS, roles(reader("keeper", 0, 0, 0), reader("cycler", 1, 0, 0),
                reader("staller", 0, 0, 0)), PUBLISHED, CUTS, HUB))).containsExactly("nothing lost");
    }

    @Test
    void aStallerThatFellBehindTheHistoryIsReportedButDidNotKeepUp() {
        assertThat(failed(SoakChecks.of(OPTIONS, roles(reader("keeper", 0, 0, 0), reader("cycler", 0, 0, 0),
                reader("staller", 40, 0, 0)), PUBLISHED, CUTS, HUB))).isEmpty();
    }

    @Test
    void aDuplicateAnywhereFailsTheRun() {
        assertThat(failed(SoakChecks.of(OPTIONS, roles(reader("keeper", 0, 0, 0), reader("cycler", 0, 0, 0),
                reader("staller", 0, 1, 0)), PUBLISHED, CUTS, HUB))).containsExactly("nothing duplicated");
    }

    @Test
    void aPrivateUpdateReachingAnAnonymousSubscriberFailsTheRun() {
        assertThat(failed(SoakChecks.of(OPTIONS, roles(reader("keeper", 0, 0, 1), reader("cycler", 0, 0, 0),
                reader("staller", 0, 0, 0)), PUBLISHED, CUTS, HUB))).containsExactly("private updates stay private");
    }

    @Test
    void aRunWhoseStallersWereNeverCutDidNotTestCutting() {
        assertThat(failed(SoakChecks.of(OPTIONS, roles(reader("keeper", 0, 0, 0), reader("cycler", 0, 0, 0),
                reader("staller", 0, 0, 0)), PUBLISHED, Map.of(SoakChecks.SLOW_CONSUMER, 0L), HUB)))
                .containsExactly("the load did what it says");
    }

    @Test
    void anUnacknowledgedPublishAndAnErrorInTheHubsLogFailTheRun() {
        SoakReport.Publishing short1 = new SoakReport.Publishing(3000, 2999, 1, Map.of("HTTP 503", 1L), 0, new long[] {1500, 1499}, 1);
        SoakReport.Hub logged = new SoakReport.Hub(1, "http://127.0.0.1:1", true, 0, Map.of(), 3, 1, 0.5, 0, null);

        assertThat(failed(SoakChecks.of(OPTIONS, roles(reader("keeper", 0, 0, 0), reader("cycler", 0, 0, 0),
                reader("staller", 0, 0, 0)), short1, CUTS, logged)))
                .containsExactly("every publish acknowledged", "no errors in the hub's log");
    }

    private static List<String> failed(List<SoakVerdict.Check> checks) {
        return checks.stream().filter(check -> !check.pass()).map(SoakVerdict.Check::name).toList();
    }

    private static List<RoleTally.Result> roles(RoleTally.Result... readers) {
        RoleTally.Result churn = new RoleTally.Result("churn", 0, 300, 0, 0, 0, 0, 0, Map.of(), Map.of(), 7000, 0, 0, 0, 0,
                0, 0, 0, new RoleTally.Latency(0, 0, 0, 0));
        return java.util.stream.Stream.concat(java.util.Arrays.stream(readers), java.util.stream.Stream.of(churn)).toList();
    }

    /** A kind of reader that cycled, stalled and resumed, with the given losses, duplicates and leaks. */
    private static RoleTally.Result reader(String role, long lost, long duplicates, long leaks) {
        return new RoleTally.Result(role, 10, 30, 20, 5, 0, 20, 5, Map.of(), Map.of(), 9000, 9000, 9000 - lost, lost,
                duplicates, lost, 0, leaks, new RoleTally.Latency(9000, 1000, 5000, 9000));
    }
}
