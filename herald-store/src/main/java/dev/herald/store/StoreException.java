package dev.herald.store;

/**
 * The store cannot do what was asked: its directory is locked by another hub, its database is corrupt
 * or of a newer schema, or SQLite failed a read or a commit. The message is one line that names the
 * file or the operation, fit for a log line or a start-up error; the SQLite cause is attached.
 */
public class StoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
