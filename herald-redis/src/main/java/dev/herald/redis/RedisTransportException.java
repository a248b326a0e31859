package dev.herald.redis;

/**
 * Redis did not do what was asked: it could not be reached, did not answer within the command timeout,
 * refused a command, or the transport was closed. A transient failure: the server answers 503 and the
 * client may retry. The message is one line that names the operation and Redis (without credentials);
 * Lettuce's exception is attached.
 */
public class RedisTransportException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public RedisTransportException(String message) {
        super(message);
    }

    public RedisTransportException(String message, Throwable cause) {
        super(message, cause);
    }
}
