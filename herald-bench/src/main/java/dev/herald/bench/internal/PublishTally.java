package dev.herald.bench.internal;

import org.HdrHistogram.Histogram;

/** The publisher's counts and answer latencies; confined to the publisher's event loop. */
final class PublishTally {

    private final long[] sentPerTopic;
    private final long[] ackedPerTopic;
    private final Histogram ackLatency = LoopStats.newHistogram();
    private final Failures failures = new Failures();
    private long sent;
    private long acked;
    private long measuredAcked;
    private long firstMeasuredNanos = -1;
    private long errors;
    private long late;
    private long inFlight;
    private long startNanos;
    private long lastAnswerNanos;

    PublishTally(int topics) {
        sentPerTopic = new long[topics];
        ackedPerTopic = new long[topics];
    }

    void start() {
        startNanos = System.nanoTime();
        lastAnswerNanos = startNanos;
    }

    /** Counts a request to the topic and returns its sequence number in that topic. */
    long sent(int topic, boolean warmup) {
        if (!warmup && firstMeasuredNanos < 0) {
            firstMeasuredNanos = System.nanoTime();
        }
        sent++;
        inFlight++;
        return sentPerTopic[topic]++;
    }

    void answered(int topic, int status, long stampMicros, boolean warmup) {
        inFlight--;
        lastAnswerNanos = System.nanoTime();
        if (status >= 200 && status < 300) {
            acked++;
            ackedPerTopic[topic]++;
            if (!warmup) {
                measuredAcked++;
                ackLatency.recordValue(Math.max(0, Math.min(LoopStats.MAX_MICROS, Payload.nowMicros() - stampMicros)));
            }
        } else {
            errors++;
            failures.add("HTTP " + status, 1);
        }
    }

    void lost() {
        inFlight--;
        errors++;
        failures.add("connection closed before the answer", 1);
    }

    void late() {
        late++;
    }

    void fail(String reason) {
        failures.add(reason, 1);
    }

    long inFlight() {
        return inFlight;
    }

    PublishResult result(long unanswered) {
        long measuredNanos = firstMeasuredNanos < 0 ? 0 : lastAnswerNanos - firstMeasuredNanos;
        return new PublishResult(sent, acked, measuredAcked, errors, failures.snapshot(), unanswered,
                ackedPerTopic.clone(), late, lastAnswerNanos - startNanos, measuredNanos, ackLatency.copy());
    }
}
