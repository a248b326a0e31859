package dev.herald.bench.chaos;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a chaos run saw.
 *
 * @param scenario {@code chaos}
 * @param date when the run started (ISO-8601, UTC)
 * @param revision the tool's commit, or null
 * @param parameters the options that shaped the run
 * @param fault when the fault began and ended (seconds since publishing started) and the command's exit code
 * @param publishes what the publisher was answered
 * @param subscribers connections and resumes
 * @param deliveries what arrived, against what was acknowledged
 * @param catchUpSeconds from the end of the fault until every subscriber had every update acknowledged
 *     before it ended; null when not within the limit
 * @param caughtUpAtEnd whether every subscriber had every acknowledged update at the end
 * @param timeline one row per second
 */
public record ChaosReport(String scenario, String date, String revision, Map<String, Object> parameters, Fault fault,
        Publishes publishes, Subscribers subscribers, Deliveries deliveries, Double catchUpSeconds, boolean caughtUpAtEnd,
        List<Timeline.Second> timeline) {

    public record Fault(String command, double beganSecond, double endedSecond, int exitCode) {
    }

    /**
     * @param refused not stored, and the publisher was told so (a 503 saying so, a refused connection)
     * @param unknown the publisher cannot know (a timeout, a connection lost in flight, a 503 that says the
     *     update may still have been stored)
     * @param answers every kind of answer with its count
     * @param firstFailureSecond the second of the first publish that was not acknowledged, null for none
     * @param lastFailureSecond the second of the last one
     */
    public record Publishes(long sent, long acknowledged, long refused, long unknown, Map<String, Long> answers,
            Integer firstFailureSecond, Integer lastFailureSecond) {
    }

    /**
     * @param connected subscribers whose first stream opened
     * @param openAtEnd streams open when publishing had stopped and the run ended
     * @param reconnects connections made again after one ended, failed or was refused
     * @param dropped connections the tool closed after the fault (each resumes with its Last-Event-ID)
     * @param closedByServer open streams that ended without the tool closing them
     * @param exactResumes streams opened with a Last-Event-ID that the hub found
     * @param earliestResumes streams opened with a Last-Event-ID the hub no longer had ({@code earliest})
     * @param refusals reconnects that failed, by reason
     */
    public record Subscribers(int count, int connected, int openAtEnd, long reconnects, int dropped, long closedByServer,
            long exactResumes, long earliestResumes, Map<String, Long> refusals) {
    }

    /**
     * @param expected every acknowledged update times the subscribers of its topic
     * @param received of those, the ones that arrived
     * @param lost {@code expected - received}: acknowledged and never delivered
     * @param subscribersMissing subscribers that lack at least one acknowledged update
     * @param duplicates an update that arrived again on a stream that resumed exactly
     * @param outOfOrder an event whose id did not sort after the previous one's
     * @param resentAfterEarliest an update that arrived again after the hub answered a resume with {@code earliest}
     * @param deliveredUnknown deliveries of updates whose publisher could not know whether they were stored
     * @param deliveredRefused deliveries of updates whose publisher was told they were not stored (must be 0)
     */
    public record Deliveries(long expected, long received, long lost, int subscribersMissing, long duplicates,
            long outOfOrder, long resentAfterEarliest, long deliveredUnknown, long deliveredRefused) {
    }

    /** True when nothing acknowledged was lost or duplicated, and nothing refused was delivered. */
    public boolean clean() {
        return caughtUpAtEnd && deliveries.lost() == 0 && deliveries.duplicates() == 0 && deliveries.outOfOrder() == 0
                && deliveries.deliveredRefused() == 0;
    }

    /** The human half of the output. */
    public String table() {
        StringBuilder out = new StringBuilder();
        out.append("herald-bench chaos [").append(parameters.get("label")).append("]: ").append(subscribers.count())
                .append(" subscribers on ").append(parameters.get("nodes")).append(", ").append(parameters.get("rate"))
                .append(" publishes/s; load average ").append(parameters.get("loadAverageBefore")).append(" -> ")
                .append(parameters.get("loadAverageAfter")).append('\n');
        row(out, "fault", "%s: from %.1f s to %.1f s (exit %d)", fault.command(), fault.beganSecond(), fault.endedSecond(),
                fault.exitCode());
        row(out, "published", "%d sent: %d acknowledged, %d refused, %d unknown; failures from second %s to %s",
                publishes.sent(), publishes.acknowledged(), publishes.refused(), publishes.unknown(),
                publishes.firstFailureSecond(), publishes.lastFailureSecond());
        publishes.answers().forEach((answer, count) -> row(out, "", "%8d  %s", count, answer));
        row(out, "subscribers", "%d connected, %d open at the end, %d reconnects (%d dropped by the tool, %d closed by "
                + "the hub), resumes: %d exact, %d earliest", subscribers.connected(), subscribers.openAtEnd(),
                subscribers.reconnects(), subscribers.dropped(), subscribers.closedByServer(), subscribers.exactResumes(),
                subscribers.earliestResumes());
        subscribers.refusals().forEach((reason, count) -> row(out, "", "%8d  %s", count, reason));
        Deliveries d = deliveries;
        row(out, "delivered", "%d of %d acknowledged: LOST %d (%d subscribers), duplicates %d, out of order %d, "
                + "resent after earliest %d", d.received(), d.expected(), d.lost(), d.subscribersMissing(), d.duplicates(),
                d.outOfOrder(), d.resentAfterEarliest());
        row(out, "", "delivered though the publisher was told: not stored %d, outcome unknown %d", d.deliveredRefused(),
                d.deliveredUnknown());
        row(out, "caught up", catchUpSeconds == null ? "NOT within the limit after the fault"
                : String.format(Locale.ROOT, "%.1f s after the fault ended (every update acknowledged before its end)",
                        catchUpSeconds));
        row(out, "at the end", caughtUpAtEnd ? "every subscriber has every acknowledged update" : "SOME UPDATES MISSING");
        row(out, "timeline", "%s", "second: acknowledged/refused/unknown publishes, deliveries, open streams, reconnects");
        for (Timeline.Second s : timeline) {
            row(out, "", "%4d: %5d/%d/%d  %7d  %5d  %5d", s.second(), s.acknowledged(), s.refused(), s.unknown(),
                    s.delivered(), s.openStreams(), s.reconnects());
        }
        return out.toString();
    }

    private static void row(StringBuilder out, String name, String format, Object... values) {
        out.append(String.format(Locale.ROOT, "  %-12s ", name)).append(String.format(Locale.ROOT, format, values)).append('\n');
    }
}
