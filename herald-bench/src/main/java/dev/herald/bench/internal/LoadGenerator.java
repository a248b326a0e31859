package dev.herald.bench.internal;

import io.netty.util.ResourceLeakDetector;

/** Settings every process of the tool starts with. */
public final class LoadGenerator {

    private static final String LEAK_DETECTION_PROPERTY = "io.netty.leakDetection.level";

    private LoadGenerator() {
    }

    /**
     * Turns off Netty's sampled buffer-leak detection unless {@code -Dio.netty.leakDetection.level} asks
     * for it: it captures a stack trace for one buffer in 128, which cost the publisher 1.4 % of its
     * core, and the tool's core is what limits its fastest runs. (Herald itself keeps the default.)
     */
    public static void withoutLeakSampling() {
        if (System.getProperty(LEAK_DETECTION_PROPERTY) == null) {
            ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
        }
    }
}
