package dev.herald.redis.internal;

/**
 * The keys one hub keeps in Redis, all under its prefix, and its pub/sub channel. Scripts name every key they touch, as
 * Redis requires; on a Redis Cluster they must also share one hash slot, which the hash tag
 * ({@link #hashTagged}) guarantees.
 *
 * @param sequence a hash: the last position given out, and the time in the last generated id
 * @param stream the updates, entry id {@code 0-<position>}
 * @param ids the id index: each retained id with its earliest retained position
 * @param laterIds later occurrences of ids already in the index, to replace an occurrence that leaves
 * @param live the pub/sub channel of live-only updates: a channel, not a key, so nothing is stored
 * @param idempotency a hash: each remembered idempotency key's digest to {@code <fingerprint> <id>}
 * @param idempotencyTimes a sorted set: each remembered digest, scored by its acknowledgement time in
 *     milliseconds, so the oldest are forgotten first
 */
public record Keys(String sequence, String stream, String ids, String laterIds, String live, String idempotency,
        String idempotencyTimes) {

    /** {@code <prefix>:stream} and so on: the names a standalone Redis (or Sentinel) has always used. */
    public static Keys forPrefix(String prefix) {
        return new Keys(prefix + ":sequence", prefix + ":stream", prefix + ":ids", prefix + ":later-ids",
                prefix + ":live", prefix + ":idempotency", prefix + ":idempotency-times");
    }

    /**
     * {@code {<prefix>}:stream} and so on: a Redis Cluster hashes only what is between the first braces,
     * so all its keys land in one slot, which a script touching several keys requires ({@code CROSSSLOT}
     * otherwise). One hub's load then lands on one shard; hubs with other prefixes spread over the rest.
     */
    public static Keys hashTagged(String prefix) {
        return forPrefix("{" + prefix + "}");
    }

    String[] forAppend() {
        return new String[] {sequence, stream, ids, laterIds, idempotency, idempotencyTimes};
    }

    String[] forHistory() {
        return new String[] {stream, ids};
    }

    String[] forHead() {
        return new String[] {stream};
    }

    String[] forRecovery() {
        return new String[] {sequence, stream};
    }
}
