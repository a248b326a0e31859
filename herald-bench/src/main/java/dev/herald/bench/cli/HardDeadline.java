package dev.herald.bench.cli;

import java.time.Duration;

/**
 * Stops the tool, whatever it is doing, once a run has taken longer than planned: a load generator
 * must never keep loading a machine by accident. Forked workers halt with it (their stdin ends) and
 * carry the same deadline themselves.
 */
final class HardDeadline {

    private HardDeadline() {
    }

    static void arm(Duration after) {
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(after.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            System.err.println("herald-bench: the hard deadline (" + after.toSeconds() + " s) passed; stopping");
            Runtime.getRuntime().halt(2);
        }, "hard-deadline");
        watchdog.setDaemon(true);
        watchdog.start();
    }
}
