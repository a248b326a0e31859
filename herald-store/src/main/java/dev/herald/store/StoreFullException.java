package dev.herald.store;

/**
 * The store's disk (or the database's size limit) is full: SQLite answered {@code SQLITE_FULL}, so the
 * commit was refused and nothing of it was stored. Transient: the writer keeps trying each new batch and
 * commits again, by itself, as soon as space returns; meanwhile the server answers publishes 503 with
 * {@code Retry-After} and says why.
 */
public class StoreFullException extends StoreException {

    private static final long serialVersionUID = 1L;

    public StoreFullException(String message, Throwable cause) {
        super(message, cause);
    }
}
