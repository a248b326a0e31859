package dev.herald.bench.internal;

import java.util.Collection;
import java.util.List;
import org.HdrHistogram.Histogram;

/** Adds up what a worker's subscribers and loops recorded, once the loops have stopped. */
final class Tally {

    private Tally() {
    }

    static WorkerResult of(List<Subscriber> subscribers, Collection<LoopStats> loops, long[] ackedPerTopic,
            int opened, int closedByServer, Failures failures) {
        long expected = 0;
        long unique = 0;
        long duplicates = 0;
        long reordered = 0;
        long tooOld = 0;
        long gaps = 0;
        for (Subscriber subscriber : subscribers) {
            if (!subscriber.opened) {
                continue;
            }
            for (int i = 0; i < subscriber.topics.length; i++) {
                int topic = subscriber.topics[i];
                SequenceTracker tracker = subscriber.trackers[i];
                expected += topic < ackedPerTopic.length ? ackedPerTopic[topic] : 0;
                unique += tracker.unique();
                duplicates += tracker.duplicates();
                reordered += tracker.reordered();
                tooOld += tracker.tooOld();
                gaps += tracker.gaps();
            }
        }
        long events = 0;
        long unstamped = 0;
        long unexpectedTopic = 0;
        long clockSkew = 0;
        Histogram latency = LoopStats.newHistogram();
        for (LoopStats loop : loops) {
            events += loop.events;
            unstamped += loop.unstamped;
            unexpectedTopic += loop.unexpectedTopic;
            clockSkew += loop.clockSkew;
            latency.add(loop.latency);
        }
        return new WorkerResult(opened, subscribers.size() - opened, failures.snapshot(), closedByServer, events,
                unstamped, unexpectedTopic, clockSkew, expected, unique, duplicates, reordered, tooOld, gaps,
                Histograms.encode(latency), 0);
    }
}
