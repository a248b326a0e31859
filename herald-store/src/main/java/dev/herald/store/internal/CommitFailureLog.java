package dev.herald.store.internal;

import dev.herald.store.StoreException;
import dev.herald.store.StoreFullException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the writer logs about failed commits. A full disk fails every commit until space returns, which
 * at a publish rate of thousands a second would be thousands of lines a second (on a disk that may be
 * the log's too): so the first failure of a run is logged, then at most one summary a minute, and one
 * line when commits succeed again. A full disk is the operator's to fix, not a fault of the hub, so it
 * is logged without a stack trace; any other failure's first line carries one. Writer thread only.
 */
final class CommitFailureLog {

    private static final Logger LOG = LoggerFactory.getLogger(Writer.class);
    private static final long SUMMARY_NANOS = TimeUnit.MINUTES.toNanos(1);

    private long failingSinceNanos;
    private boolean failing;
    private long failedCommits;
    private long refusedUpdates;
    private long summaryDueNanos;

    void failed(StoreException failure, int updates) {
        long now = System.nanoTime();
        failedCommits++;
        refusedUpdates += updates;
        if (!failing) {
            failing = true;
            failingSinceNanos = now;
            summaryDueNanos = now + SUMMARY_NANOS;
            if (failure instanceof StoreFullException) {
                LOG.error("{}; publishes are refused (503) until space returns, and accepted again by themselves "
                        + "then: free space on the disk, no restart is needed", failure.getMessage());
            } else {
                LOG.error("{}", failure.getMessage(), failure.getCause());
            }
            return;
        }
        if (now - summaryDueNanos >= 0) {
            summaryDueNanos = now + SUMMARY_NANOS;
            LOG.error("store commits still failing: {} commits ({} updates) refused in {} s; the latest: {}",
                    failedCommits, refusedUpdates, seconds(now), failure.getMessage());
        }
    }

    void succeeded() {
        if (!failing) {
            return;
        }
        LOG.info("store commits succeed again, after {} failed commits ({} updates refused) over {} s", failedCommits,
                refusedUpdates, seconds(System.nanoTime()));
        failing = false;
        failedCommits = 0;
        refusedUpdates = 0;
    }

    /** True while the latest commit failed. */
    boolean failing() {
        return failing;
    }

    private long seconds(long now) {
        return TimeUnit.NANOSECONDS.toSeconds(now - failingSinceNanos);
    }
}
