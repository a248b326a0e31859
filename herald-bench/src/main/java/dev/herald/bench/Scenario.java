package dev.herald.bench;

/** What a run does; every scenario is bounded by {@link BenchOptions#duration()} and a hard deadline. */
public enum Scenario {
    /** Subscribers connect and stay for the duration: what an idle connection costs the hub. */
    IDLE,
    /** Subscribers on one topic; publishes at a fixed rate (open loop): delivery, loss and latency. */
    FANOUT,
    /** Publishers send back to back on a few connections (closed loop): acknowledged publishes per second. */
    PUBLISH,
    /** Many topics, each subscriber on a few; publishes round-robin over the topics at a fixed rate. */
    MIXED,
    /** Publishes a fixed count back to back on many connections and waits for every answer: fills a history. */
    FILL,
    /** Subscribers lose the hub at once (it restarts), then reconnect with Last-Event-ID: see {@link Storm}. */
    STORM;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Whether updates are published at a fixed rate (the others publish back to back or not at all). */
    public boolean openLoop() {
        return this == FANOUT || this == MIXED;
    }
}
