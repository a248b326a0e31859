package dev.herald.core;

import java.util.concurrent.CompletableFuture;

/**
 * An extra ability of a {@link Transport}: appends that a publisher may retry without storing an update
 * twice, keyed by the publisher's {@link IdempotencyKey}.
 *
 * <ul>
 *   <li><b>Once.</b> The first {@link #appendOnce} of a key appends the update as {@link Transport#append}
 *       does and remembers the key with the update's {@link IdempotencyKey#fingerprint fingerprint} and
 *       id. A later one with the same key (same scope, same key) and the same fingerprint, within the
 *       {@link IdempotencyOptions#window() window}, stores and delivers nothing and completes with the
 *       first attempt's id ({@link Appended#repeated()}); with another fingerprint it completes
 *       exceptionally with {@link IdempotencyConflictException}, and stores nothing either.</li>
 *   <li><b>Concurrent attempts.</b> Attempts with the same key that overlap are ordered by the
 *       transport: the later one waits for the earlier one's outcome and answers as above, so an update
 *       is never stored twice; if the earlier one failed (not stored), the later one appends.</li>
 *   <li><b>Scope.</b> Keys are remembered per transport: shared by every node of a shared transport
 *       (Redis), kept across restarts by a durable one (the store, within its retained history), in
 *       memory otherwise. At most {@link IdempotencyOptions#maxKeys()} are remembered; beyond it the
 *       oldest are forgotten first.</li>
 *   <li><b>Failures</b> are those of {@link Transport#append}: when the future fails, the key is not
 *       remembered unless the update was stored (then a retry gets its id).</li>
 * </ul>
 */
public interface IdempotentAppend {

    /**
     * Appends the update unless an earlier attempt with this key did; see the interface comment.
     *
     * @param fingerprint what makes two attempts the same request: {@link IdempotencyKey#fingerprint} of
     *     the update as published, or of what the publisher sent when the hub adds to it (the demo's
     *     {@code /send} adds the time, which a retry must not count as a change)
     */
    CompletableFuture<Appended> appendOnce(Update update, IdempotencyKey key, String fingerprint);
}
