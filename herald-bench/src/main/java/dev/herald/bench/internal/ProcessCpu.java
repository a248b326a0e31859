package dev.herald.bench.internal;

import java.lang.management.ManagementFactory;

/** The CPU time this JVM used so far, user and system, all threads. */
public final class ProcessCpu {

    private ProcessCpu() {
    }

    public static long nanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return Math.max(0, os.getProcessCpuTime());
        }
        return 0; // not measurable on this JVM; reported as 0
    }
}
