package dev.switchboard.ingest.email;

import java.time.Duration;

/** Waits; tests pass one that records or shortens the waits instead of sleeping for real. */
@FunctionalInterface
public interface Sleeper {
    Sleeper REAL = d -> Thread.sleep(Math.max(0, d.toMillis()));

    void sleep(Duration duration) throws InterruptedException;
}
