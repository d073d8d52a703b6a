package dev.switchboard.http;

/** A {@link HealthCheck} with the name it has in the {@code /health} body. */
record NamedCheck(String name, HealthCheck check) {}
