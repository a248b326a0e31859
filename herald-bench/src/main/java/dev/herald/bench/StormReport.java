package dev.herald.bench;

import java.util.Locale;
import java.util.Map;

/**
 * What the {@code storm} scenario measured.
 *
 * @param scenario {@code storm}
 * @param date when the run started (ISO-8601, UTC)
 * @param revision the tool's commit, or null
 * @param parameters the options that shaped the run
 * @param subscribers who connected, resumed and retried
 * @param publishedBefore acknowledged updates published with every subscriber connected
 * @param publishedBehind acknowledged updates published with every subscriber disconnected
 * @param restart the hub's restart, or null when the run reconnected to the same hub
 * @param catchUpMillis from the first reconnect to every subscriber having received every update; null
 *     when not all did within the limit
 * @param deliveries what arrived over the whole run, both connections of each subscriber together
 * @param server the hub's figures (the restarted one), or null without {@code --server-pid}
 */
public record StormReport(String scenario, String date, String revision, Map<String, Object> parameters,
        Subscribers subscribers, long publishedBefore, long publishedBehind, Restart restart, Double catchUpMillis,
        Report.Deliveries deliveries, Server server) {

    /**
     * @param requested subscribers asked for
     * @param connected streams opened before the storm
     * @param withLastEventId of those, the ones that had an event id to resume from
     * @param reopened streams opened again after the restart
     * @param failed reconnects that failed for good (a status other than 200, or a 503 past the limit)
     * @param retries 503 answers retried after their Retry-After
     * @param closedByServer reopened streams the hub closed before the run ended (they are not reopened
     *     again, so what they missed counts as lost)
     * @param failures failure reasons with counts, both phases
     */
    public record Subscribers(int requested, int connected, int withLastEventId, int reopened, int failed, long retries,
            int closedByServer, Map<String, Long> failures) {
    }

    /**
     * @param oldPid the hub stopped
     * @param newPid the hub started
     * @param seconds how long the restart command took (stop, start, ready)
     */
    public record Restart(long oldPid, long newPid, double seconds) {
    }

    /**
     * @param pid the hub measured (after the restart, the new one)
     * @param rssPeakKb its peak resident memory since it started (VmHWM): a restarted hub's start-up and storm
     * @param rssAfterKb its resident memory once all caught up (or the limit passed)
     * @param cpuMicros its CPU time from the first reconnect to then
     */
    public record Server(long pid, long rssPeakKb, long rssAfterKb, long cpuMicros) {
    }

    /** Whether every subscriber received every update once. */
    public boolean allCaughtUp() {
        return catchUpMillis != null && deliveries.lost() == 0 && deliveries.duplicates() == 0;
    }

    /** The human half of the output. */
    public String table() {
        StringBuilder out = new StringBuilder();
        out.append("herald-bench storm [").append(parameters.get("label")).append("]: ").append(parameters.get("url"))
                .append(", ").append(subscribers.requested()).append(" subscribers, ").append(publishedBehind)
                .append(" updates behind, reconnecting over ").append(parameters.get("spreadSeconds")).append(" s\n");
        row(out, "subscribers", "%d connected (%d with a Last-Event-ID), %d reopened, %d failed, %d retried 503s, "
                + "%d closed by the server", subscribers.connected(), subscribers.withLastEventId(), subscribers.reopened(),
                subscribers.failed(), subscribers.retries(), subscribers.closedByServer());
        if (!subscribers.failures().isEmpty()) {
            row(out, "  failures", "%s", subscribers.failures());
        }
        row(out, "published", "%d before, %d while disconnected", publishedBefore, publishedBehind);
        row(out, "restart", restart == null ? "none (reconnected to the same hub)"
                : String.format(Locale.ROOT, "pid %d -> %d in %.1f s", restart.oldPid(), restart.newPid(), restart.seconds()));
        Report.Deliveries d = deliveries;
        row(out, "delivered", "%d of %d expected: LOST %d, gaps %d, duplicates %d", d.delivered(), d.expected(), d.lost(),
                d.gaps(), d.duplicates());
        row(out, "caught up", catchUpMillis == null ? "NOT all within the limit"
                : String.format(Locale.ROOT, "all in %.0f ms from the first reconnect", catchUpMillis));
        if (server != null) {
            row(out, "server", "peak RSS %d KiB since start, %d KiB after, CPU %.2f s in the storm", server.rssPeakKb(),
                    server.rssAfterKb(), server.cpuMicros() / 1e6);
        }
        return out.toString();
    }

    private static void row(StringBuilder out, String name, String format, Object... values) {
        out.append(String.format(Locale.ROOT, "  %-15s ", name)).append(String.format(Locale.ROOT, format, values)).append('\n');
    }
}
