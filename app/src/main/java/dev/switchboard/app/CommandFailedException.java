package dev.switchboard.app;

/** A command could not do its job for a reason the user can act on; printed without a stack trace. */
public final class CommandFailedException extends RuntimeException {
    public CommandFailedException(String message) {
        super(message);
    }

    public CommandFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
