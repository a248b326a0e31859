package dev.herald.bench;

import dev.herald.bench.internal.Replayer;
import java.util.List;
import java.util.Map;

/**
 * What the {@code replay} scenario measured: each replay's timings and the hub's memory and CPU meanwhile.
 *
 * @param scenario {@code replay}
 * @param date when the run started (ISO-8601, UTC)
 * @param revision the tool's commit, or null
 * @param parameters the options that shaped the run
 * @param replays one result per replaying connection
 * @param firstEventMillisWorst the slowest first event over the replays, ms from the request; null when none arrived
 * @param eventsPerSecond events of every replay over the time until the last one's last event
 * @param complete how many replays received every expected event
 * @param server the hub's figures over the replays, or null without {@code --server-pid}
 * @param tool the tool's own CPU over the replays: near one core, the tool, not the hub, set the rate
 */
public record ReplayReport(String scenario, String date, String revision, Map<String, Object> parameters,
        List<Replayer.Result> replays, Double firstEventMillisWorst, double eventsPerSecond, int complete, Server server,
        Tool tool) {

    /**
     * @param pid the hub's process id
     * @param rssBeforeKb resident memory before the replays
     * @param rssPeakKb the highest sampled while they ran
     * @param rssAfterKb when they ended (connections still open)
     * @param cpuMicros CPU the hub used while they ran, at 10 ms resolution
     * @param cpuMicrosPerEvent that CPU over the events received, null without events
     */
    public record Server(long pid, long rssBeforeKb, long rssPeakKb, long rssAfterKb, long cpuMicros,
            Double cpuMicrosPerEvent) {
    }

    /**
     * @param cpuMicros CPU the tool's process used from opening the replays until they ended, at 10 ms
     *     resolution (its JVM's start-up is not in it)
     * @param cpuShare that CPU over the same wall time: 1.0 is a whole core
     * @param cpuMicrosPerEvent that CPU over the events received, null without events
     */
    public record Tool(long cpuMicros, double cpuShare, Double cpuMicrosPerEvent) {
    }

    /** The human half of the output. */
    public String table() {
        StringBuilder out = new StringBuilder();
        out.append("herald-bench replay: ").append(parameters.get("url")).append(' ').append(parameters.get("target"))
                .append(", ").append(replays.size()).append(" replay(s) of ").append(parameters.get("expected"))
                .append(" events\n");
        for (int i = 0; i < replays.size(); i++) {
            Replayer.Result r = replays.get(i);
            out.append(String.format(java.util.Locale.ROOT,
                    "  replay %-3d HTTP %d, head %.1f ms, first event %.1f ms, %d events (%d distinct, %d duplicates) "
                            + "in %.2f s = %.0f/s, %d bytes%s%n",
                    i, r.status(), r.headMicros() / 1e3, r.firstEventMicros() / 1e3, r.events(), r.unique(),
                    r.duplicates(), r.lastEventMicros() / 1e6,
                    r.lastEventMicros() <= 0 ? 0 : r.events() * 1e6 / r.lastEventMicros(), r.bytes(),
                    r.failure() == null ? "" : " (" + r.failure() + ")"));
        }
        out.append(String.format(java.util.Locale.ROOT, "  overall    %d of %d complete, %.0f events/s, first event "
                + "within %s ms%n", complete, replays.size(), eventsPerSecond,
                firstEventMillisWorst == null ? "-" : String.format(java.util.Locale.ROOT, "%.1f", firstEventMillisWorst)));
        if (server != null) {
            out.append(String.format(java.util.Locale.ROOT, "  server     RSS %d -> peak %d -> %d KiB, CPU %.2f s%n",
                    server.rssBeforeKb(), server.rssPeakKb(), server.rssAfterKb(), server.cpuMicros() / 1e6));
            if (server.cpuMicrosPerEvent() != null) {
                out.append(String.format(java.util.Locale.ROOT, "    per event  %.2f µs of hub CPU%n",
                        server.cpuMicrosPerEvent()));
            }
        }
        if (tool != null) {
            out.append(String.format(java.util.Locale.ROOT, "  tool CPU   %.2f s = %.0f%% of a core%s%n", tool.cpuMicros() / 1e6,
                    tool.cpuShare() * 100, tool.cpuMicrosPerEvent() == null ? ""
                            : String.format(java.util.Locale.ROOT, ", %.2f µs per event", tool.cpuMicrosPerEvent())));
        }
        return out.toString();
    }
}
