package dev.herald.bench;

import dev.herald.bench.internal.RoleTally;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a soak measured: one JSON line (see {@link Soak}).
 *
 * @param scenario {@code soak}
 * @param date when the run started (ISO-8601, UTC)
 * @param revision the tool's commit, or null
 * @param pass the verdict, repeated at the top for a quick {@code jq .pass}
 * @param parameters the options that shaped the run
 * @param verdict every series' flatness and every check
 * @param samples the hub over time
 * @param subscribers each kind of subscriber's connections and deliveries
 * @param publishing what the publisher sent and was answered
 * @param hub the hub's side: how it ended, what it cut, what it logged
 */
public record SoakReport(String scenario, String date, String revision, boolean pass, Map<String, Object> parameters,
        SoakVerdict verdict, List<SoakSample> samples, List<RoleTally.Result> subscribers, Publishing publishing, Hub hub) {

    /**
     * @param sent publishes sent
     * @param acked answered 2xx
     * @param errors answered otherwise or lost with their connection
     * @param failures error reasons with counts
     * @param unanswered still waiting for an answer when the publisher gave up
     * @param ackedPerTopic acknowledged publishes per topic index
     * @param p99AckMicros request-to-acknowledgement latency, p99, from the scheduled send time
     */
    public record Publishing(long sent, long acked, long errors, Map<String, Long> failures, long unanswered,
            long[] ackedPerTopic, long p99AckMicros) {
    }

    /**
     * @param pid the hub's process id
     * @param url what it served
     * @param aliveAtEnd it still ran when the load ended
     * @param exitCode its exit code after SIGTERM (-1: it had to be killed)
     * @param disconnects {@code herald_disconnects_total} by reason at the end of the run
     * @param warnLines WARN lines in its log
     * @param errorLines ERROR lines in its log
     * @param drainSeconds how long the readers took to receive everything after the last publish
     * @param missingAfterDrain deliveries still missing when the drain ended
     * @param workDir its data directory and log, when kept (a failed run, or {@code --keep}); else null
     */
    public record Hub(long pid, String url, boolean aliveAtEnd, int exitCode, Map<String, Long> disconnects, long warnLines,
            long errorLines, double drainSeconds, long missingAfterDrain, String workDir) {
    }

    /** The human half of the output. */
    public String table() {
        StringBuilder out = new StringBuilder();
        out.append("herald-bench soak: ").append(parameters.get("durationSeconds")).append(" s, ")
                .append(parameters.get("rate")).append(" publishes/s, hub ").append(hub.url()).append(" (pid ")
                .append(hub.pid()).append(")\n");
        out.append(String.format(Locale.ROOT, "  %-22s %5s %9s %9s %9s %11s %9s %9s %9s %9s%n", "subscribers", "n",
                "streams", "resumes", "closed", "failed/res.", "expected", "lost", "dups", "p99 ms"));
        for (RoleTally.Result role : subscribers) {
            long resumeFailures = role.resumeFailures().values().stream().mapToLong(Long::longValue).sum();
            out.append(String.format(Locale.ROOT, "  %-22s %5d %9d %9d %9d %11s %9d %9d %9d %9.1f%n", role.role(),
                    role.subscribers(), role.streamsOpened(), role.reopened(), role.serverCloses(),
                    role.failureCount() + "/" + resumeFailures, role.expected(), role.lost(), role.duplicates(),
                    role.latency().p99Micros() / 1000.0));
        }
        out.append(String.format(Locale.ROOT, "  %-22s %d sent, %d acknowledged, %d errors, %d unanswered%n", "published",
                publishing.sent(), publishing.acked(), publishing.errors(), publishing.unanswered()));
        out.append(String.format(Locale.ROOT, "  %-22s %s; %d WARN, %d ERROR lines; drained in %.1f s%n", "hub disconnects",
                hub.disconnects(), hub.warnLines(), hub.errorLines(), hub.drainSeconds()));
        out.append(String.format(Locale.ROOT, "  %-22s %9s %9s %9s %9s %9s%n", "series (window)", "start", "end", "limit",
                "growth", "min..max"));
        for (SoakVerdict.SeriesCheck series : verdict.series()) {
            out.append(String.format(Locale.ROOT, "  %-22s %9s %9s %9s %8s%% %s..%s %s%n", series.series(),
                    series.baseline(), series.last(), series.limit(), series.growthPercent(), series.min(), series.max(),
                    series.pass() ? "flat" : "GROWS"));
        }
        for (SoakVerdict.Check check : verdict.checks()) {
            out.append(String.format(Locale.ROOT, "  %-4s %s: %s%n", check.pass() ? "ok" : "FAIL", check.name(), check.detail()));
        }
        out.append("  verdict: ").append(pass ? "PASS" : "FAIL " + verdict.failures()).append('\n');
        if (hub.workDir() != null) {
            out.append("  the hub's data and log are kept in ").append(hub.workDir()).append('\n');
        }
        return out.toString();
    }
}
