package dev.herald.server;

import com.sun.management.UnixOperatingSystemMXBean;
import java.lang.management.ManagementFactory;

/** The process's open-files limit ({@code ulimit -n}), which the automatic stream and connection limits derive from. */
final class OpenFiles {

    private OpenFiles() {
    }

    /**
     * The open-files limit less {@code reserved}, at least 1; {@link Integer#MAX_VALUE} (no limit) where
     * the JVM cannot tell.
     */
    static int limitLess(int reserved) {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean unix) {
            return (int) Math.max(1, Math.min(Integer.MAX_VALUE, unix.getMaxFileDescriptorCount() - reserved));
        }
        return Integer.MAX_VALUE;
    }
}
