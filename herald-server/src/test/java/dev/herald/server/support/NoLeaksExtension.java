package dev.herald.server.support;

import io.netty.buffer.Unpooled;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test after which Netty's leak detector reports a buffer that was garbage-collected without
 * being released. Netty notices a leak only when a collected buffer's reference is dequeued, which it
 * does on the next allocation it tracks: so after each test this collects garbage and allocates a few
 * buffers, then asks {@link FailingLeakDetector} what was reported. A leak is found by the test that
 * made it or, when the collector is late, by a later one of the same run: never silently lost.
 */
public final class NoLeaksExtension implements AfterEachCallback {

    /** Collections and tracked allocations per check: enough for the reference handler to catch up. */
    private static final int ROUNDS = 3;

    @Override
    public void afterEach(ExtensionContext context) {
        assertNoLeaks();
    }

    /** Throws an AssertionError naming every buffer leaked so far. */
    public static void assertNoLeaks() {
        for (int i = 0; i < ROUNDS; i++) {
            System.gc();
            Unpooled.directBuffer(1).release();
            Unpooled.buffer(1).release();
        }
        List<String> leaks = FailingLeakDetector.takeReported();
        if (!leaks.isEmpty()) {
            throw new AssertionError("Netty reported " + leaks.size() + " leaked buffer(s); the first: " + leaks.get(0));
        }
    }
}
