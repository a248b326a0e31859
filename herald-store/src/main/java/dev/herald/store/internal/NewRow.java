package dev.herald.store.internal;

import dev.herald.core.StoredUpdate;

/**
 * A row the writer is about to insert: the numbered update, whether its publisher chose the id (only
 * those ids are indexed) and its commit time in epoch millis.
 */
record NewRow(StoredUpdate stored, boolean suppliedId, long createdAtMillis) {
}
