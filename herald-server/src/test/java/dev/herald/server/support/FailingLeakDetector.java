package dev.herald.server.support;

import io.netty.util.ResourceLeakDetector;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Netty's leak detector, made to remember what it reports so that a test can fail on it (Netty itself
 * only logs). Netty creates it by reflection, named by the system property
 * {@code io.netty.customResourceLeakDetector} that herald-server's surefire configuration sets; the
 * reports therefore go to one process-wide queue: the only mutable static of the tests, because the
 * detector instances live in Netty's own statics.
 *
 * @param <T> the tracked resource type
 */
public final class FailingLeakDetector<T> extends ResourceLeakDetector<T> {

    private static final Queue<String> REPORTED = new ConcurrentLinkedQueue<>();

    public FailingLeakDetector(Class<?> resourceType, int samplingInterval) {
        super(resourceType, samplingInterval);
    }

    public FailingLeakDetector(Class<?> resourceType, int samplingInterval, long maxActive) {
        super(resourceType, samplingInterval, maxActive);
    }

    /** Leaks reported since the last call, and forgets them. */
    static List<String> takeReported() {
        List<String> leaks = new ArrayList<>();
        String leak;
        while ((leak = REPORTED.poll()) != null) {
            leaks.add(leak);
        }
        return leaks;
    }

    /** Always report, whatever the logging configuration says. */
    @Override
    protected boolean needReport() {
        return true;
    }

    @Override
    protected void reportTracedLeak(String resourceType, String records) {
        REPORTED.add(resourceType + " leaked; recent accesses:" + records);
        super.reportTracedLeak(resourceType, records);
    }

    @Override
    protected void reportUntracedLeak(String resourceType) {
        REPORTED.add(resourceType + " leaked (no access records)");
        super.reportUntracedLeak(resourceType);
    }
}
