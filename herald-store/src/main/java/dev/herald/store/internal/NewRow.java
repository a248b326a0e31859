package dev.herald.store.internal;

import dev.herald.core.StoredUpdate;

/**
 * A row the writer is about to insert: the numbered update, whether its publisher chose the id (only
 * those ids are indexed), its commit time in epoch millis, and its {@code <key digest> <fingerprint>} when
 * it was published with an idempotency key (null otherwise).
 */
record NewRow(StoredUpdate stored, boolean suppliedId, long createdAtMillis, String idempotency) {
}
