package dev.herald.core;

/**
 * An update was refused because one of its fields breaks a protocol rule (a publisher error, answered
 * with 400 by the server). The message names the field and the rule, and is safe to show the publisher.
 */
public final class InvalidUpdateException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public InvalidUpdateException(String message) {
        super(message);
    }
}
