package dev.switchboard.config;

/**
 * A configuration file that cannot be used. The message names the file, the path of the key and
 * what was expected, so an operator can fix it without reading a stack trace.
 */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
