package dev.herald.bench;

/**
 * The hub at one moment of a soak.
 *
 * @param seconds since publishing started
 * @param heapBytes the live heap: what a full collection left ({@code jcmd GC.class_histogram}); null
 *     when it could not be read
 * @param rssKb resident memory, KiB
 * @param openFiles open file descriptors (sockets, the store's files, epoll, jars)
 * @param threads the hub's threads
 * @param storeBytes the store's files together: the database, its write-ahead log and its index
 * @param cpuMicros the hub's CPU time since it started
 * @param connections the tool's connections to the hub open then (streams; the publisher's 4 or so not
 *     counted): what the descriptors follow besides leaks
 */
public record SoakSample(double seconds, Long heapBytes, long rssKb, long openFiles, long threads, long storeBytes,
        long cpuMicros, int connections) {
}
