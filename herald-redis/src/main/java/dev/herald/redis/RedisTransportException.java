package dev.herald.redis;

/**
 * Redis did not do what was asked: it could not be reached, did not answer within the command timeout,
 * refused a command, or the transport was closed. A transient failure: the server answers 503 and the
 * client may retry. The message is one line that names the operation and Redis (without credentials);
 * Lettuce's exception is attached.
 */
public class RedisTransportException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final boolean mayHaveBeenStored;

    public RedisTransportException(String message) {
        this(message, null, false);
    }

    public RedisTransportException(String message, Throwable cause) {
        this(message, cause, false);
    }

    /**
     * @param mayHaveBeenStored true when Redis may have run the append after all (it did not answer in
     *     time), so the update may yet be delivered although its publisher is told it failed
     */
    public RedisTransportException(String message, Throwable cause, boolean mayHaveBeenStored) {
        super(message, cause);
        this.mayHaveBeenStored = mayHaveBeenStored;
    }

    /** True when the failed append may have been stored and delivered all the same (a timeout). */
    public boolean mayHaveBeenStored() {
        return mayHaveBeenStored;
    }
}
