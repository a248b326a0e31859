package dev.herald.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A soak's report made up for tests of what reads or draws it. */
public final class SoakReportFixture {

    private SoakReportFixture() {
    }

    /** A minute of samples every 4 s: a flat hub whose store fills in the warm-up. */
    public static SoakReport minute() {
        List<SoakSample> samples = new ArrayList<>();
        for (int t = 0; t < 64; t += 4) {
            samples.add(new SoakSample(t, 11_000_000L + t * 100, 160_000 + t * 50, 80 + t % 3, 28,
                    Math.min(t, 16) * 300_000L, t * 200_000L, 40 + t % 5));
        }
        List<SoakVerdict.SeriesCheck> series = new ArrayList<>();
        for (SoakSeries each : SoakSeries.values()) {
            series.add(SoakVerdict.flat(each, samples, 20, 0.05, true));
        }
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("durationSeconds", 60);
        parameters.put("warmupSeconds", 20);
        parameters.put("rate", 50.0);
        parameters.put("keepers", 10);
        parameters.put("cyclers", 20);
        parameters.put("stallers", 4);
        parameters.put("churnPerSecond", 5.0);
        SoakVerdict verdict = SoakVerdict.of(series, List.of());
        return new SoakReport("soak", "2026-12-03T21:00:00Z", "abc1234", verdict.pass(), parameters, verdict, samples,
                List.of(), new SoakReport.Publishing(3000, 3000, 0, Map.of(), 0, new long[] {3000}, 1000),
                new SoakReport.Hub(1, "http://127.0.0.1:1", true, 0, Map.of("slow_consumer", 12L), 0, 0, 0.4, 0, null));
    }
}
