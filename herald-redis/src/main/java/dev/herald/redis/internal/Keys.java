package dev.herald.redis.internal;

/**
 * The four keys one hub keeps in Redis, all under its prefix. Scripts name every key they touch, as
 * Redis requires; a prefix in braces ({@code {herald}}) would put them all in one Cluster slot.
 *
 * @param sequence a hash: the last position given out, and the time in the last generated id
 * @param stream the updates, entry id {@code 0-<position>}
 * @param ids the id index: each retained id with its earliest retained position
 * @param laterIds later occurrences of ids already in the index, to replace an occurrence that leaves
 */
public record Keys(String sequence, String stream, String ids, String laterIds) {

    public static Keys forPrefix(String prefix) {
        return new Keys(prefix + ":sequence", prefix + ":stream", prefix + ":ids", prefix + ":later-ids");
    }

    String[] forAppend() {
        return new String[] {sequence, stream, ids, laterIds};
    }

    String[] forHistory() {
        return new String[] {stream, ids};
    }

    String[] forRecovery() {
        return new String[] {sequence, stream};
    }
}
