package dev.herald.bench;

import dev.herald.bench.SoakVerdict.Check;
import dev.herald.bench.internal.RoleTally;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The soak's checks besides flatness: what its subscribers received, what its publisher was answered,
 * how the hub held up, and that the load did what it claims (a soak whose stallers were never cut did
 * not test cutting).
 */
final class SoakChecks {

    /** The hub's label of a stream it cut for reading too slowly ({@code herald_disconnects_total}). */
    static final String SLOW_CONSUMER = "slow_consumer";

    private SoakChecks() {
    }

    /**
     * @param roles every kind of subscriber's tally
     * @param publishing what the publisher sent and was answered
     * @param disconnects the hub's {@code herald_disconnects_total} by reason at the end
     * @param hub how the hub ended and what it logged
     */
    static List<Check> of(SoakOptions options, List<RoleTally.Result> roles, SoakReport.Publishing publishing,
            Map<String, Long> disconnects, SoakReport.Hub hub) {
        List<RoleTally.Result> readers = roles.stream().filter(role -> !"churn".equals(role.role())).toList();
        // Issue 17: nothing lost for the subscribers that kept up. A staller does not: when its resumes are cut
        // again and again (each replay holds the live updates published meanwhile, up to the hub's budget), it can
        // fall behind the history and be told to start from the earliest update. Its losses are reported.
        List<RoleTally.Result> keptUp = readers.stream().filter(role -> !"staller".equals(role.role())).toList();
        long expected = keptUp.stream().mapToLong(RoleTally.Result::expected).sum();
        long lost = keptUp.stream().mapToLong(RoleTally.Result::lost).sum();
        long duplicates = readers.stream().mapToLong(RoleTally.Result::duplicates).sum();
        long leaks = readers.stream().mapToLong(RoleTally.Result::privateLeaks).sum();
        long failures = roles.stream().mapToLong(RoleTally.Result::failureCount).sum();
        List<Check> checks = new ArrayList<>();
        checks.add(new Check("nothing lost", expected > 0 && lost == 0, lost + " of " + expected
                + " due deliveries never arrived (keepers and cyclers, across their reconnects)"));
        checks.add(new Check("nothing duplicated", duplicates == 0, duplicates
                + " deliveries arrived twice (keepers, cyclers and stallers, across their reconnects)"));
        checks.add(new Check("private updates stay private", leaks == 0,
                leaks + " private updates reached subscriptions without the token that grants them"));
        checks.add(new Check("every publish acknowledged", publishing.sent() > 0 && publishing.acked() == publishing.sent(),
                publishing.acked() + " of " + publishing.sent() + " acknowledged, " + publishing.errors() + " errors "
                        + publishing.failures() + ", " + publishing.unanswered() + " unanswered"));
        checks.add(new Check("every subscription opened", failures == 0, failures + " fresh subscriptions failed before "
                + "their stream opened " + failureReasons(roles)));
        checks.add(new Check("the hub stayed up", hub.aliveAtEnd(), hub.aliveAtEnd() ? "it served until the end"
                : "it exited during the run (see its log)"));
        checks.add(new Check("no errors in the hub's log", hub.errorLines() == 0,
                hub.errorLines() + " ERROR lines (" + hub.warnLines() + " WARN)"));
        checks.add(exercised(options, roles, disconnects));
        return checks;
    }

    /** Each kind of load the options asked for happened at least once. */
    private static Check exercised(SoakOptions options, List<RoleTally.Result> roles, Map<String, Long> disconnects) {
        List<String> missing = new ArrayList<>();
        RoleTally.Result cyclers = role(roles, "cycler");
        RoleTally.Result stallers = role(roles, "staller");
        RoleTally.Result churn = role(roles, "churn");
        long cuts = disconnects.getOrDefault(SLOW_CONSUMER, 0L);
        if (options.cyclers() > 0 && (cyclers.cycles() == 0 || cyclers.reopened() == 0)) {
            missing.add("no cycler closed and resumed");
        }
        if (options.stallers() > 0 && (cuts == 0 || stallers.serverCloses() == 0 || stallers.reopened() == 0)) {
            missing.add("no staller was cut as a slow consumer and resumed");
        }
        if (options.churnPerSecond() > 0 && churn.streamsOpened() == 0) {
            missing.add("no churning subscription opened");
        }
        String counts = String.format(java.util.Locale.ROOT, "%d cycles and %d resumes; %d stalls, %d slow-consumer cuts "
                + "by the hub, %d staller resumes; %d churning streams", cyclers.cycles(), cyclers.reopened(),
                stallers.stalls(), cuts, stallers.reopened(), churn.streamsOpened());
        return new Check("the load did what it says", missing.isEmpty(),
                missing.isEmpty() ? counts : String.join("; ", missing) + " (" + counts + ")");
    }

    private static RoleTally.Result role(List<RoleTally.Result> roles, String name) {
        return roles.stream().filter(role -> name.equals(role.role())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no " + name + " tally"));
    }

    private static String failureReasons(List<RoleTally.Result> roles) {
        StringBuilder out = new StringBuilder();
        for (RoleTally.Result role : roles) {
            if (!role.failures().isEmpty()) {
                out.append(out.length() == 0 ? "(" : "; ").append(role.role()).append(": ").append(role.failures());
            }
        }
        return out.length() == 0 ? "" : out.append(')').toString();
    }
}
