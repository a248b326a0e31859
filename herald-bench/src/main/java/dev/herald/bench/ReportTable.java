package dev.herald.bench;

import java.util.Map;

/** The human half of the output: one aligned line per figure group. */
public final class ReportTable {

    private ReportTable() {
    }

    public static String format(Report report) {
        StringBuilder out = new StringBuilder();
        Map<String, Object> p = report.parameters();
        out.append("herald-bench ").append(report.scenario()).append(" [").append(p.get("label")).append("]: ")
                .append(p.get("api")).append(' ')
                .append(p.get("url")).append(", ").append(p.get("subscribers")).append(" subscribers, ")
                .append(p.get("topics")).append(" topic(s)");
        if (p.containsKey("rate")) {
            out.append(", ").append(p.get("rate")).append(" publishes/s");
        }
        out.append(", ").append(p.get("durationSeconds")).append(" s, ").append(p.get("payloadBytes")).append(" B payload\n");

        Report.Subscribers s = report.subscribers();
        row(out, "subscribers", "%d of %d connected, %d failed, %d closed by the server",
                s.connected(), s.requested(), s.failed(), s.closedByServer());
        if (!s.failures().isEmpty()) {
            row(out, "  failures", "%s", s.failures());
        }
        Report.Publishing pub = report.publishing();
        if (pub.sent() > 0) {
            row(out, "published", "%d sent, %d acknowledged (%.1f/s), %d errors, %d unanswered, %d late",
                    pub.sent(), pub.acknowledged(), pub.acknowledgedPerSecond(), pub.errors(), pub.unanswered(), pub.late());
            if (!pub.failures().isEmpty()) {
                row(out, "  failures", "%s", pub.failures());
            }
        }
        Report.Deliveries d = report.deliveries();
        if (d.expected() > 0 || d.delivered() > 0) {
            row(out, "delivered", "%d of %d expected: LOST %d, gaps %d, duplicates %d, reordered %d, unstamped %d",
                    d.delivered(), d.expected(), d.lost(), d.gaps(), d.duplicates(), d.reordered(), d.unstamped());
            row(out, "deliveries/s", "%.1f", d.perSecond());
            latency(out, "latency", report.latency());
        }
        if (pub.sent() > 0) {
            latency(out, "ack latency", report.ackLatency());
        }
        Report.Server server = report.server();
        if (server != null) {
            row(out, "server RSS", "%d -> %d KiB%s", server.rssBeforeKb(), server.rssAfterKb(),
                    server.rssPerConnectionKb() == null ? "" : String.format(java.util.Locale.ROOT, " (%.2f KiB per connection)", server.rssPerConnectionKb()));
            row(out, "server CPU", "%.2f s in %.1f s = %.0f%% of a core%s", server.cpuMicros() / 1e6,
                    report.measuredSeconds(), percent(server.cpuShare()), perDelivery(server.cpuMicrosPerDelivery()));
            if (server.cpuMicrosPerPublish() != null) {
                row(out, "  per publish", "%.1f µs of server CPU%s", server.cpuMicrosPerPublish(),
                        server.cpuMicrosPerPublishAfterWarmup() == null ? ""
                                : String.format(java.util.Locale.ROOT, "; %.1f µs after the warm-up",
                                        server.cpuMicrosPerPublishAfterWarmup()));
            }
            if (server.rssPeakKb() != null) {
                row(out, "server peak", "%d KiB RSS in the measured phase", server.rssPeakKb());
            }
            if (server.liveHeapBeforeBytes() != null) {
                row(out, "live heap", "%d -> %d KiB (after a full collection)", server.liveHeapBeforeBytes() / 1024,
                        server.liveHeapAfterBytes() / 1024);
            }
        }
        Report.AttackFigures attack = report.attack();
        if (attack != null) {
            var a = attack.connections();
            if (a.nonReaders() > 0) {
                row(out, "non-readers", "%d: %s, %d seen closed by the server", a.nonReaders(), a.nonReaderAnswers(),
                        a.nonReadersClosed());
            }
            if (a.templateStreams() > 0) {
                row(out, "template strms", "%d: %s, %d closed by the server", a.templateStreams(), a.templateAnswers(),
                        a.templateStreamsClosed());
            }
            if (attack.rssBeforeKb() != null && server != null) {
                row(out, "attack RSS", "%d KiB before -> peak %d, end %d KiB (+%d KiB)", attack.rssBeforeKb(),
                        server.rssPeakKb(), server.rssAfterKb(), server.rssPeakKb() - attack.rssBeforeKb());
            }
            if (attack.liveHeapPerTemplateStreamBytes() != null) {
                row(out, "  heap/stream", "%.1f KiB live per template stream answered 200",
                        attack.liveHeapPerTemplateStreamBytes() / 1024);
            }
        }
        Report.Tool tool = report.tool();
        row(out, "tool CPU", "%.2f s in %.1f s = %.0f%% of a core%s; %.2f s in all (%d worker process(es))",
                tool.phaseCpuMillis() / 1e3, report.measuredSeconds(), percent(tool.cpuShare()),
                perDelivery(tool.cpuMicrosPerDelivery()), tool.cpuMillis() / 1e3, tool.workers());
        return out.toString();
    }

    private static double percent(Double share) {
        return share == null ? 0 : share * 100;
    }

    private static String perDelivery(Double micros) {
        return micros == null ? "" : String.format(java.util.Locale.ROOT, ", %.2f µs per delivery", micros);
    }

    private static void latency(StringBuilder out, String name, Report.Latency l) {
        row(out, name + " µs", "p50 %d  p90 %d  p99 %d  p99.9 %d  max %d  (%d samples)",
                l.p50(), l.p90(), l.p99(), l.p999(), l.max(), l.count());
    }

    private static void row(StringBuilder out, String name, String format, Object... values) {
        out.append(String.format(java.util.Locale.ROOT, "  %-15s ", name)).append(String.format(java.util.Locale.ROOT, format, values)).append('\n');
    }
}
