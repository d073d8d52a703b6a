package dev.switchboard.broker;

/** The embedded broker could not start, or stopped on its own. */
public final class BrokerFailedException extends RuntimeException {
    public BrokerFailedException(String message) {
        super(message);
    }

    public BrokerFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
