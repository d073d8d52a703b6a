package dev.switchboard.bridge;

/** A helpdesk request that cannot be applied; the message says precisely why (it becomes the 400 body). */
public final class InvalidRequestException extends Exception {
    public InvalidRequestException(String message) {
        super(message);
    }
}
